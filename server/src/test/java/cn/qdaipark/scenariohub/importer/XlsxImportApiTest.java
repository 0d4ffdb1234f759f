package cn.qdaipark.scenariohub.importer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.ChallengeFixtures;
import cn.qdaipark.scenariohub.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class XlsxImportApiTest extends AdminImportSetup {
  private static final String PATH = "/api/v1/admin/import/postings.xlsx";
  private static final String[] HEADER = {"编号", "类型", "标题", "发布单位", "领域", "描述", "考核指标/需求", "预算(万元)",
      "截止日期", "地区"};
  private static final String DESCRIPTION = "码头每日处理集装箱数万标箱，残损检验依赖人工目视，漏检与争议频发，希望自动识别箱体残损并留存证据。";
  private static final HttpClient http = HttpClient.newHttpClient();

  /** One row of the sheet: key, kind label, title; the rest filled with valid values. */
  private record Line(String key, String kind, String title) {
  }

  private static byte[] workbook(Line... lines) {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = book.createSheet("场景清单");
      Row header = sheet.createRow(0);
      for (int c = 0; c < HEADER.length; c++) {
        header.createCell(c).setCellValue(HEADER[c]);
      }
      fill(book, sheet, 1, lines);
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Writes the lines from sheet row index {@code first}: the budget as a formula, the deadline as a date cell. */
  private static void fill(Workbook book, Sheet sheet, int first, Line... lines) {
    CellStyle date = book.createCellStyle();
    date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
    for (int i = 0; i < lines.length; i++) {
      Line line = lines[i];
      Row row = sheet.createRow(first + i);
      row.createCell(0).setCellValue(line.key());
      row.createCell(1).setCellValue(line.kind());
      row.createCell(2).setCellValue(line.title());
      row.createCell(3).setCellValue("青岛市港口管理局");
      row.createCell(4).setCellValue("空天地海");
      row.createCell(5).setCellValue(DESCRIPTION);
      row.createCell(6).setCellValue("残损识别准确率≥95%\n单箱识别时间≤3秒");
      row.createCell(7).setCellFormula("100+20");
      row.createCell(8).setCellValue(LocalDate.of(2027, 6, 30));
      row.getCell(8).setCellStyle(date);
      row.createCell(9).setCellValue("青岛市黄岛区");
    }
  }

  private Api.Response upload(String token, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + PATH))
        .header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Api.Response(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("a three-row 场景清单 is imported: Chinese kinds, a formula budget, a date-cell deadline and multi-line requirements")
  void importsThreeRows() {
    Api.Response r = upload(admin, workbook(new Line("XL-1", "揭榜挂帅", "集装箱残损自动识别揭榜"),
        new Line("XL-2", "场景需求", "堆场夜间人员入侵识别"), new Line("XL-3", "场景需求", "岸桥远程操控改造")));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().getInteger("imported")).isEqualTo(3);
    JsonObject first = api.get("/api/v1/postings/by-ref/XL-1", null).json();
    assertThat(first.getString("kind")).isEqualTo("challenge");
    assertThat(first.getString("title")).isEqualTo("集装箱残损自动识别揭榜");
    assertThat(first.getLong("budgetWan")).isEqualTo(120);
    assertThat(first.getString("deadline")).isEqualTo("2027-06-30");
    assertThat(first.getJsonArray("requirements")).containsExactly("残损识别准确率≥95%", "单箱识别时间≤3秒");
    assertThat(first.getString("issuer")).isEqualTo("青岛市港口管理局");
    assertThat(api.get("/api/v1/postings/by-ref/XL-3", null).json().getString("kind")).isEqualTo("demand");
  }

  @Test
  @DisplayName("a bad row fails the whole workbook naming its sheet row and column, and nothing is imported")
  void badRowNamesTheRow() {
    long before = app.count("SELECT count(*) FROM postings");
    Api.Response r = upload(admin, workbook(new Line("BAD-1", "场景需求", "正常的第一条需求"),
        new Line("BAD-2", "场景需求", "正常的第二条需求"), new Line("BAD-3", "路线图", "")));
    assertThat(r.status()).isEqualTo(400);
    JsonArray lines = r.error().getJsonArray("lines");
    assertThat(lines).hasSize(1);
    assertThat(lines.getJsonObject(0).getInteger("row")).isEqualTo(4);
    assertThat(lines.getJsonObject(0).getString("message")).startsWith("第 4 行：").contains("标题：").contains("类型：");
    assertThat(app.count("SELECT count(*) FROM postings")).isEqualTo(before);
  }

  @Test
  @DisplayName("bytes that are not an XLSX workbook, or an old .xls, are refused with a 400 that says so")
  void notAWorkbook() {
    Api.Response text = upload(admin, "编号,标题\nX,Y\n".getBytes(StandardCharsets.UTF_8));
    assertThat(text.status()).isEqualTo(400);
    assertThat(text.error().getString("message")).contains("XLSX");
    Api.Response brokenZip = upload(admin, new byte[] {0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5});
    assertThat(brokenZip.status()).isEqualTo(400);
    Api.Response xls = upload(admin, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0, 0, 0});
    assertThat(xls.status()).isEqualTo(400);
    assertThat(xls.error().getString("message")).contains(".xls");
  }

  @Test
  @DisplayName("an unknown column is refused naming the header row")
  void unknownColumn() {
    byte[] book = edited(workbook(new Line("COL-1", "场景需求", "列名测试需求")),
        wb -> wb.getSheetAt(0).getRow(0).createCell(10).setCellValue("联系人"));
    Api.Response r = upload(admin, book);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().getJsonArray("lines").getJsonObject(0).getString("message")).contains("第 1 行").contains("联系人");
  }

  @Test
  @DisplayName("a date-formatted 截止日期 holding no date (-5, typed or computed) fails naming its row, nothing imported")
  void negativeDateCell() {
    long before = app.count("SELECT count(*) FROM postings");
    byte[] book = edited(workbook(new Line("NEG-1", "场景需求", "正常的日期需求"), new Line("NEG-2", "场景需求", "负数日期需求"),
        new Line("NEG-3", "场景需求", "负数公式日期需求")), wb -> {
          wb.getSheetAt(0).getRow(2).getCell(8).setCellValue(-5);
          wb.getSheetAt(0).getRow(3).getCell(8).setCellFormula("-5");
        });
    Api.Response r = upload(admin, book);
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    JsonArray lines = r.error().getJsonArray("lines");
    assertThat(lines).hasSize(2);
    assertThat(lines.getJsonObject(0).getInteger("row")).isEqualTo(3);
    assertThat(lines.getJsonObject(0).getString("message")).startsWith("第 3 行：").contains("截止日期：");
    assertThat(lines.getJsonObject(1).getInteger("row")).isEqualTo(4);
    assertThat(lines.getJsonObject(1).getString("message")).startsWith("第 4 行：").contains("截止日期：");
    assertThat(app.count("SELECT count(*) FROM postings")).isEqualTo(before);
  }

  @Test
  @DisplayName("a workbook in the 1904 date system (old Mac Excel) gives the date its cells show")
  void date1904() {
    LocalDate deadline = LocalDate.of(2027, 6, 30);
    byte[] book = edited(workbook(new Line("D1904-1", "场景需求", "1904日期系统的需求")), wb -> {
      wb.getCTWorkbook().getWorkbookPr().setDate1904(true);
      wb.getSheetAt(0).getRow(1).getCell(8).setCellValue(DateUtil.getExcelDate(deadline.atStartOfDay(), true));
    });
    Api.Response r = upload(admin, book);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(api.get("/api/v1/postings/by-ref/D1904-1", null).json().getString("deadline")).isEqualTo("2027-06-30");
  }

  /** The workbook after {@code edit}, saved again. */
  private static byte[] edited(byte[] book, Consumer<XSSFWorkbook> edit) {
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(book)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      edit.accept(wb);
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  @DisplayName("a workbook over the import limit is refused with 413")
  void oversize() {
    try (TestApp small = TestApp.start(Map.of("IMPORT_BODY_LIMIT_BYTES", "2048"), false)) {
      String token = small.adminToken();
      HttpRequest request = HttpRequest.newBuilder(URI.create(small.api.base() + PATH))
          .header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
          .POST(HttpRequest.BodyPublishers.ofByteArray(workbook(new Line("BIG-1", "场景需求", "超大文件测试")))).build();
      assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("non-admins may neither import a workbook nor download the template (403)")
  void nonAdminRefused() {
    ChallengeFixtures.Account issuer = ChallengeFixtures.verified(app, "government", "青岛市工业和信息化局");
    assertThat(upload(issuer.token(), workbook(new Line("NA-1", "场景需求", "越权导入测试"))).status()).isEqualTo(403);
    assertThat(api.download("/api/v1/admin/import/postings-template.xlsx", issuer.token()).status()).isEqualTo(403);
    assertThat(upload(null, workbook(new Line("NA-2", "场景需求", "匿名导入测试"))).status()).isEqualTo(401);
    assertThat(app.count("SELECT count(*) FROM postings WHERE source_ref LIKE 'NA-%'")).isZero();
  }

  @Test
  @DisplayName("the template downloads as XLSX with the import's header and, once filled in, imports")
  void templateRoundTrip() throws IOException {
    Api.Download template = api.download("/api/v1/admin/import/postings-template.xlsx", admin);
    assertThat(template.status()).isEqualTo(200);
    assertThat(template.contentType()).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(template.bytes()));
         ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = book.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("编号");
      assertThat(sheet.getLastRowNum()).isZero();
      fill(book, sheet, 1, new Line("TPL-1", "场景需求", "模板回填的需求"), new Line("TPL-2", "揭榜挂帅", "模板回填的揭榜"));
      book.write(out);
      Api.Response r = upload(admin, out.toByteArray());
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.json().getInteger("imported")).isEqualTo(2);
    }
    assertThat(api.get("/api/v1/postings/by-ref/TPL-2", null).json().getString("kind")).isEqualTo("challenge");
  }
}
