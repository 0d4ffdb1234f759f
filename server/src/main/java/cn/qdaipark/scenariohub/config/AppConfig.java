package cn.qdaipark.scenariohub.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Every setting of the server, built once at startup: defaults &lt; config file &lt; environment.
 * The config file is a properties file whose keys are the environment variable names.
 */
public record AppConfig(
    String host,
    int port,
    Path dataDir,
    String pgUrl,
    int dbPoolSize,
    int dbPoolWaitQueue,
    String jwtSecret,
    String jwtIssuer,
    String jwtAudience,
    int tokenTtlSeconds,
    String adminEmail,
    String adminPassword,
    boolean demoData,
    String demoPassword,
    int bodyLimitBytes,
    int importBodyLimitBytes,
    int loginMaxFailures,
    int loginWindowSeconds,
    int loginBackoffSeconds,
    int loginAccountMaxFailures,
    int registrationsPerAddress,
    int registrationWindowSeconds,
    int healthDbTimeoutMs,
    int indexHealAfterMs,
    int indexCompactAfterChanges,
    int indexCompactQuietMs,
    int matchCacheEntries,
    int requestTimeoutMs,
    int longRequestTimeoutMs,
    int headerTimeoutMs,
    int idleTimeoutSeconds,
    String metricsToken,
    String publicBaseUrl,
    SmtpSettings smtp,
    int passwordResetsPerAddress) {

  /** A shorter bearer token for /metrics could be guessed. */
  static final int MIN_METRICS_TOKEN = 24;

  public static AppConfig load(Map<String, String> env) {
    Map<String, String> settings = new HashMap<>();
    String file = env.get("CONFIG_FILE");
    if (file != null && !file.isBlank()) {
      settings.putAll(readProperties(Path.of(file)));
    }
    settings.putAll(env);
    return from(settings);
  }

  public static AppConfig from(Map<String, String> s) {
    Settings in = new Settings(s);
    int longRequestTimeoutMs = in.integer("LONG_REQUEST_TIMEOUT_MS", 10 * 60_000, 100, 24 * 3_600_000);
    return new AppConfig(
        in.text("HOST", "0.0.0.0"),
        in.integer("PORT", 8080, 0, 65535),
        Path.of(in.text("DATA_DIR", "./data")).toAbsolutePath().normalize(),
        in.text("PG_URL", null),
        in.integer("DB_POOL_SIZE", 8, 1, 200),
        in.integer("DB_POOL_WAIT_QUEUE", 512, 1, 100_000),
        in.text("JWT_SECRET", null),
        in.text("JWT_ISSUER", "scenariohub"),
        in.text("JWT_AUDIENCE", "scenariohub-api"),
        in.integer("TOKEN_TTL_SECONDS", 8 * 3600, 60, 30 * 24 * 3600),
        in.text("ADMIN_EMAIL", null),
        in.text("ADMIN_PASSWORD", null),
        in.bool("DEMO_DATA", true),
        in.text("DEMO_PASSWORD", null),
        in.integer("BODY_LIMIT_BYTES", 1024 * 1024, 1024, Integer.MAX_VALUE),
        in.integer("IMPORT_BODY_LIMIT_BYTES", 128 * 1024 * 1024, 1024, Integer.MAX_VALUE),
        in.integer("LOGIN_MAX_FAILURES", 5, 1, 1000),
        in.integer("LOGIN_WINDOW_SECONDS", 15 * 60, 1, 24 * 3600),
        in.integer("LOGIN_BACKOFF_SECONDS", 30, 1, 24 * 3600),
        in.integer("LOGIN_ACCOUNT_MAX_FAILURES", 100, 1, 100_000),
        in.integer("REGISTRATIONS_PER_ADDRESS", 10, 1, 1_000_000),
        in.integer("REGISTRATION_WINDOW_SECONDS", 3600, 1, 7 * 24 * 3600),
        in.integer("HEALTH_DB_TIMEOUT_MS", 2000, 50, 60_000),
        in.integer("INDEX_HEAL_AFTER_MS", 10_000, 0, 3_600_000),
        in.integer("INDEX_COMPACT_AFTER_CHANGES", 1000, 1, Integer.MAX_VALUE),
        in.integer("INDEX_COMPACT_QUIET_MS", 10_000, 0, 3_600_000),
        in.integer("MATCH_CACHE_ENTRIES", 2000, 0, 1_000_000),
        in.integer("REQUEST_TIMEOUT_MS", 10_000, 100, 3_600_000),
        longRequestTimeoutMs,
        in.integer("HEADER_TIMEOUT_MS", 10_000, 100, 3_600_000),
        idleTimeoutSeconds(in, longRequestTimeoutMs),
        in.secret("METRICS_TOKEN", MIN_METRICS_TOKEN),
        in.baseUrl("PUBLIC_BASE_URL", "http://localhost:8080"),
        in.smtp(),
        in.integer("PASSWORD_RESETS_PER_ADDRESS", 20, 1, 1_000_000));
  }

  /**
   * The connection's idle timeout also runs while the server works on a request and sends nothing (a large import
   * embedding its records), so it must outlast the longest request or it cuts answers the server has committed.
   * Slow headers, trickled bodies and idle keep-alive connections have their own deadlines (HEADER_TIMEOUT_MS,
   * REQUEST_TIMEOUT_MS).
   */
  private static int idleTimeoutSeconds(Settings in, int longRequestTimeoutMs) {
    int idle = in.integer("IDLE_TIMEOUT_SECONDS", (int) Math.ceil(longRequestTimeoutMs / 1000.0) + 30, 1, 25 * 3600);
    if (idle * 1000L <= longRequestTimeoutMs) {
      throw new ConfigException("IDLE_TIMEOUT_SECONDS must be longer than LONG_REQUEST_TIMEOUT_MS ("
          + longRequestTimeoutMs + " ms), got " + idle);
    }
    return idle;
  }

  public AppConfig withPort(int newPort) {
    return new AppConfig(host, newPort, dataDir, pgUrl, dbPoolSize, dbPoolWaitQueue, jwtSecret, jwtIssuer,
        jwtAudience, tokenTtlSeconds, adminEmail, adminPassword, demoData, demoPassword, bodyLimitBytes,
        importBodyLimitBytes, loginMaxFailures, loginWindowSeconds, loginBackoffSeconds, loginAccountMaxFailures,
        registrationsPerAddress, registrationWindowSeconds, healthDbTimeoutMs, indexHealAfterMs,
        indexCompactAfterChanges, indexCompactQuietMs, matchCacheEntries, requestTimeoutMs, longRequestTimeoutMs, headerTimeoutMs, idleTimeoutSeconds, metricsToken, publicBaseUrl, smtp,
        passwordResetsPerAddress);
  }

  private static Map<String, String> readProperties(Path file) {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(reader);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    Map<String, String> map = new HashMap<>();
    props.forEach((k, v) -> map.put(k.toString(), v.toString()));
    return map;
  }

  private record Settings(Map<String, String> values) {
    String text(String key, String fallback) {
      String v = values.get(key);
      return v == null || v.isBlank() ? fallback : v.trim();
    }

    int integer(String key, int fallback, int min, int max) {
      String v = text(key, null);
      if (v == null) {
        return fallback;
      }
      try {
        int n = Integer.parseInt(v);
        if (n < min || n > max) {
          throw new ConfigException(key + " must be between " + min + " and " + max + ", got " + v);
        }
        return n;
      } catch (NumberFormatException e) {
        throw new ConfigException(key + " must be a number, got " + v);
      }
    }

    String secret(String key, int minLength) {
      String v = text(key, null);
      if (v != null && v.length() < minLength) {
        throw new ConfigException(key + " must be at least " + minLength + " characters long");
      }
      return v;
    }

    /** An absolute http(s) URL without a trailing slash: e-mails link to {@code base + path}. */
    String baseUrl(String key, String fallback) {
      String v = text(key, fallback).replaceAll("/+$", "");
      if (!v.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
        throw new ConfigException(key + " must be an absolute http(s) URL, got " + v);
      }
      return v;
    }

    /** E-mail is off without SMTP_HOST; with it, a sender address is required. */
    SmtpSettings smtp() {
      String host = text("SMTP_HOST", null);
      boolean tls = bool("SMTP_TLS", false);
      String starttls = text("SMTP_STARTTLS", "optional").toLowerCase();
      if (!SmtpSettings.STARTTLS.contains(starttls)) {
        throw new ConfigException("SMTP_STARTTLS must be one of " + SmtpSettings.STARTTLS + ", got " + starttls);
      }
      String from = text("SMTP_FROM", null);
      if (host != null && (from == null || !from.contains("@"))) {
        throw new ConfigException("SMTP_FROM must be the sender's e-mail address when SMTP_HOST is set");
      }
      return new SmtpSettings(host, integer("SMTP_PORT", tls ? 465 : 587, 1, 65535), text("SMTP_USERNAME", null),
          text("SMTP_PASSWORD", null), from, starttls, tls, integer("SMTP_MAX_ATTEMPTS", 8, 1, 100),
          integer("SMTP_POLL_MS", 5000, 100, 24 * 3_600_000));
    }

    boolean bool(String key, boolean fallback) {
      String v = text(key, null);
      if (v == null) {
        return fallback;
      }
      return switch (v.toLowerCase()) {
        case "true", "1", "yes" -> true;
        case "false", "0", "no" -> false;
        default -> throw new ConfigException(key + " must be true or false, got " + v);
      };
    }
  }
}
