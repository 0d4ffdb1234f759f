package cn.qdaipark.scenariohub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {

  @Test
  @DisplayName("with nothing configured the documented defaults apply")
  void defaults() {
    AppConfig c = AppConfig.load(Map.of());
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.pgUrl()).isNull();
    assertThat(c.demoData()).isTrue();
    assertThat(c.bodyLimitBytes()).isEqualTo(1024 * 1024);
    assertThat(c.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
    assertThat(c.healthDbTimeoutMs()).isEqualTo(2000);
    assertThat(c.indexHealAfterMs()).isEqualTo(10_000);
  }

  @Test
  @DisplayName("the config file overrides defaults and the environment overrides the file")
  void layering(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("app.properties");
    Files.writeString(file, "PORT=9000\nDEMO_DATA=false\nDB_POOL_SIZE=4\n");
    AppConfig c = AppConfig.load(Map.of("CONFIG_FILE", file.toString(), "PORT", "9100"));
    assertThat(c.port()).isEqualTo(9100);
    assertThat(c.demoData()).isFalse();
    assertThat(c.dbPoolSize()).isEqualTo(4);
  }

  @Test
  @DisplayName("a malformed setting is reported by name")
  void badValues() {
    assertThatThrownBy(() -> AppConfig.load(Map.of("PORT", "eighty"))).hasMessageContaining("PORT");
    assertThatThrownBy(() -> AppConfig.load(Map.of("DEMO_DATA", "maybe"))).hasMessageContaining("DEMO_DATA");
    assertThatThrownBy(() -> AppConfig.load(Map.of("DB_POOL_SIZE", "0"))).hasMessageContaining("DB_POOL_SIZE");
    assertThatThrownBy(() -> AppConfig.load(Map.of("HEALTH_DB_TIMEOUT_MS", "0"))).hasMessageContaining("HEALTH_DB_TIMEOUT_MS");
    assertThatThrownBy(() -> AppConfig.load(Map.of("REQUEST_TIMEOUT_MS", "0"))).hasMessageContaining("REQUEST_TIMEOUT_MS");
    assertThatThrownBy(() -> AppConfig.load(Map.of("METRICS_TOKEN", "short"))).hasMessageContaining("METRICS_TOKEN");
  }

  @Test
  @DisplayName("requests and connections have bounded times by default, and /metrics no token (so it is not served)")
  void boundedByDefault() {
    AppConfig c = AppConfig.load(Map.of());
    assertThat(c.requestTimeoutMs()).isEqualTo(10_000);
    assertThat(c.longRequestTimeoutMs()).isEqualTo(600_000);
    assertThat(c.headerTimeoutMs()).isEqualTo(10_000);
    assertThat(c.idleTimeoutSeconds()).isEqualTo(630);
    assertThat(c.metricsToken()).isNull();
  }

  @Test
  @DisplayName("the idle timeout outlasts the longest request: a 600-line import that works 30 s in silence was cut at "
      + "the old 30 s default, so a shorter idle timeout is refused at start")
  void idleTimeoutOutlastsLongRequests() {
    assertThat(AppConfig.load(Map.of("LONG_REQUEST_TIMEOUT_MS", "60000")).idleTimeoutSeconds()).isEqualTo(90);
    assertThatThrownBy(() -> AppConfig.load(Map.of("IDLE_TIMEOUT_SECONDS", "30")))
        .hasMessageContaining("IDLE_TIMEOUT_SECONDS must be longer than LONG_REQUEST_TIMEOUT_MS (600000 ms)");
    assertThat(AppConfig.load(Map.of("IDLE_TIMEOUT_SECONDS", "2", "LONG_REQUEST_TIMEOUT_MS", "1000"))
        .idleTimeoutSeconds()).isEqualTo(2);
  }

  @Test
  @DisplayName("e-mail is off without SMTP_HOST; with it a sender is required, and the password never shows")
  void smtp() {
    AppConfig off = AppConfig.load(Map.of());
    assertThat(off.smtp().enabled()).isFalse();
    assertThat(off.publicBaseUrl()).isEqualTo("http://localhost:8080");
    AppConfig on = AppConfig.load(Map.of("SMTP_HOST", "smtp.example.cn", "SMTP_FROM", "hub@example.cn",
        "SMTP_USERNAME", "hub", "SMTP_PASSWORD", "s3cret-smtp-pass", "SMTP_TLS", "true",
        "PUBLIC_BASE_URL", "https://hub.example.cn/"));
    assertThat(on.smtp().enabled()).isTrue();
    assertThat(on.smtp().port()).isEqualTo(465);
    assertThat(on.smtp().starttls()).isEqualTo("optional");
    assertThat(on.publicBaseUrl()).isEqualTo("https://hub.example.cn");
    assertThat(on.smtp().toString()).doesNotContain("s3cret-smtp-pass");
    assertThat(on.toString()).doesNotContain("s3cret-smtp-pass");
    assertThatThrownBy(() -> AppConfig.load(Map.of("SMTP_HOST", "smtp.example.cn"))).hasMessageContaining("SMTP_FROM");
    assertThatThrownBy(() -> AppConfig.load(Map.of("SMTP_STARTTLS", "sometimes"))).hasMessageContaining("SMTP_STARTTLS");
    assertThatThrownBy(() -> AppConfig.load(Map.of("PUBLIC_BASE_URL", "hub.example.cn"))).hasMessageContaining("PUBLIC_BASE_URL");
  }
}
