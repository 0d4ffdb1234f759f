package cn.qdaipark.scenariohub;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.config.AppConfig;
import cn.qdaipark.scenariohub.index.ScenarioIndex;
import cn.qdaipark.scenariohub.support.EmbeddedDb;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CommandsTest {

  private static String solutionLine(int i) {
    return new JsonObject().put("key", "CLI-" + i).put("title", "命令行导入的方案" + i).put("summary", "用于测试命令行导入")
        .put("description", "这是一条通过命令行批量导入的测试方案，用于检查进度输出与原子性。").put("domains", new JsonArray().add("智慧城市"))
        .put("track", "复杂算法软件研发").put("tags", new JsonArray().add("测试")).put("maturity", "原型验证")
        .put("provider", "青岛命令行科技有限公司").put("region", "青岛市").encode();
  }

  private static String captureErr(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("the import command stores a file with a progress line, and refuses a bad file naming the line")
  void importCommand() throws Exception {
    String db = EmbeddedDb.freshDatabaseUrl();
    Path dir = Files.createTempDirectory("cli-import");
    Path good = dir.resolve("good.jsonl");
    Files.writeString(good, IntStream.range(0, 60).mapToObj(CommandsTest::solutionLine).collect(Collectors.joining("\n")));
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(bad, solutionLine(100) + "\n{\"key\":\"CLI-BAD\"}\n");
    AppConfig config = AppConfig.from(Map.of("PG_URL", db, "DATA_DIR", dir.toString()));

    int[] exit = new int[1];
    String progress = captureErr(() -> exit[0] = ImportCommand.run(config, new String[] {"solutions", good.toString()}));
    assertThat(exit[0]).isZero();
    assertThat(progress).contains("60 / 60");
    String refusal = captureErr(() -> exit[0] = ImportCommand.run(config, new String[] {"solutions", bad.toString()}));
    assertThat(exit[0]).isEqualTo(1);
    assertThat(refusal).contains("line 2");
    assertThat(ImportCommand.run(config, new String[] {"solutions"})).isEqualTo(2);

    try (TestApp app = TestApp.start(Map.of("PG_URL", db))) {
      assertThat(app.count("SELECT count(*) FROM solutions WHERE source_ref LIKE 'CLI-%'")).isEqualTo(60);
    }
  }

  @Test
  @DisplayName("the reindex command rebuilds the index of the data directory from PostgreSQL")
  void reindexCommand() throws Exception {
    String db = EmbeddedDb.freshDatabaseUrl();
    Path data = Files.createTempDirectory("cli-reindex");
    try (TestApp app = TestApp.start(Map.of("PG_URL", db, "DEMO_DATA", "true"))) {
      assertThat(app.count("SELECT count(*) FROM solutions")).isPositive();
    }
    AppConfig config = AppConfig.from(Map.of("PG_URL", db, "DATA_DIR", data.toString()));
    assertThat(ReindexCommand.run(config)).isZero();
    try (ScenarioIndex index = ScenarioIndex.open(data.resolve("index")); TestApp probe = TestApp.start(Map.of("PG_URL", db))) {
      assertThat(index.needsRebuild()).isFalse();
      assertThat((long) index.solutionCount()).isEqualTo(probe.count("SELECT count(*) FROM solutions"));
      assertThat((long) index.postingCount()).isEqualTo(probe.count("SELECT count(*) FROM postings"));
    }
  }
}
