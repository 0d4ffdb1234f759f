package cn.qdaipark.scenariohub.export;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.Fixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OpenDataExportTest {
  private static TestApp app;
  private static Api api;
  private static String provider;
  private static String government;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    api = app.api;
    provider = Fixtures.verifiedAccount(app, "od@example.cn", "provider", "青岛开放数据科技有限公司", "91370211MA3CQD001");
    government = Fixtures.verifiedAccount(app, "odg@example.cn", "government", "青岛市开放数据测试局", "11370200MB1CQD001");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static List<CSVRecord> records(String path) throws Exception {
    Api.Download d = api.download(path, null);
    assertThat(d.status()).isEqualTo(200);
    assertThat(d.contentType()).startsWith("text/csv");
    String text = new String(d.bytes(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF");
    return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(text.substring(1))).getRecords();
  }

  @Test
  @DisplayName("anyone downloads the published solutions as CSV, and drafts stay out")
  void solutionsOpenData() throws Exception {
    api.post("/api/v1/solutions", provider, Fixtures.solution("公开的焊缝检测方案, 含逗号与\"引号\""));
    api.post("/api/v1/solutions", provider, Fixtures.solution("尚未公开的草稿方案").put("draft", true));
    List<CSVRecord> rows = records("/api/v1/open-data/solutions.csv");
    assertThat(rows).extracting(r -> r.get("方案名称")).contains("公开的焊缝检测方案, 含逗号与\"引号\"")
        .doesNotContain("尚未公开的草稿方案");
    assertThat(rows.get(0).get("供应商")).isEqualTo("青岛开放数据科技有限公司");
  }

  @Test
  @DisplayName("a value that starts like a spreadsheet formula is written as text, so it cannot run when the CSV is opened")
  void formulaLikeValuesAreNeutralised() throws Exception {
    api.post("/api/v1/solutions", provider, Fixtures.solution("=HYPERLINK(\"http://evil.example\",\"点击领取补贴\")"));
    api.post("/api/v1/solutions", provider, Fixtures.solution("@SUM(1+1)焊缝检测"));
    List<CSVRecord> rows = records("/api/v1/open-data/solutions.csv");
    assertThat(rows).extracting(r -> r.get("方案名称"))
        .contains("'=HYPERLINK(\"http://evil.example\",\"点击领取补贴\")", "'@SUM(1+1)焊缝检测")
        .noneMatch(title -> title.startsWith("=") || title.startsWith("@"));
    assertThat(TableWriters.csvCell("-12.5")).isEqualTo("-12.5");
    assertThat(TableWriters.csvCell("+86 532 8888")).isEqualTo("'+86 532 8888");
    assertThat(TableWriters.csvCell("焊缝 = 检测")).isEqualTo("焊缝 = 检测");
  }

  @Test
  @DisplayName("anyone downloads the public calls and demands, and the published results, as CSV")
  void postingsAndResultsOpenData() throws Exception {
    api.post("/api/v1/postings", government, Fixtures.posting("challenge", "公开的港口安防揭榜任务"));
    api.post("/api/v1/postings", government, Fixtures.posting("challenge", "草稿中的揭榜任务").put("draft", true));
    List<CSVRecord> rows = records("/api/v1/open-data/postings.csv");
    assertThat(rows).extracting(r -> r.get("标题")).contains("公开的港口安防揭榜任务").doesNotContain("草稿中的揭榜任务");
    assertThat(rows).extracting(r -> r.get("状态")).contains("申报中");
    Api.Download results = api.download("/api/v1/open-data/results.csv", null);
    assertThat(results.status()).isEqualTo(200);
    assertThat(new String(results.bytes(), StandardCharsets.UTF_8)).startsWith("\uFEFF任务编号,任务名称");
  }
}
