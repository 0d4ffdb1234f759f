package cn.qdaipark.scenariohub.importer;

import cn.qdaipark.scenariohub.vocabulary.Vocabulary;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The empty 场景清单 workbook admins fill in: the first sheet holds only the header row the import reads, a second
 * sheet explains each column and its allowed values (the import reads only the first sheet). Building it blocks, so
 * {@link #send} does it on a worker.
 */
public final class XlsxTemplate {
  private static final List<String> NOTES = List.of(
      "必填，每条记录唯一；再次导入同一编号会更新该记录",
      "必填：揭榜挂帅 或 场景需求",
      "必填，2–120 字",
      "必填，发布单位名称；平台上没有的单位会自动登记",
      "必填：" + String.join("、", Vocabulary.DOMAINS),
      "必填，10–5000 字",
      "必填，每行一项（单元格内换行），也可用 | 或 ； 分隔，最多 10 项",
      "整数，单位万元；可留空",
      "必填，日期单元格或 2026-12-31 形式的文本",
      "选填，例如 青岛市黄岛区");

  private XlsxTemplate() {
  }

  /** Answers with the template as a download, built on a worker; the caller checks who may have it. */
  public static void send(RoutingContext ctx) {
    ctx.vertx().executeBlocking(XlsxTemplate::postings, false)
        .onSuccess(bytes -> ctx.response()
            .putHeader("Content-Type", XlsxPostings.CONTENT_TYPE)
            .putHeader("Content-Disposition", "attachment; filename=\"postings-template.xlsx\"")
            .end(Buffer.buffer(bytes)))
        .onFailure(ctx::fail);
  }

  private static byte[] postings() {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CellStyle bold = book.createCellStyle();
      Font font = book.createFont();
      font.setBold(true);
      bold.setFont(font);
      Sheet sheet = book.createSheet("场景清单");
      Row header = sheet.createRow(0);
      for (int c = 0; c < XlsxPostings.COLUMNS.size(); c++) {
        header.createCell(c).setCellValue(XlsxPostings.COLUMNS.get(c).header());
        header.getCell(c).setCellStyle(bold);
        sheet.setColumnWidth(c, (c == 5 || c == 6 ? 40 : 16) * 256);
      }
      sheet.createFreezePane(0, 1);
      Sheet help = book.createSheet("填写说明");
      Row helpHeader = help.createRow(0);
      helpHeader.createCell(0).setCellValue("列名");
      helpHeader.createCell(1).setCellValue("说明");
      helpHeader.getCell(0).setCellStyle(bold);
      helpHeader.getCell(1).setCellStyle(bold);
      for (int i = 0; i < NOTES.size(); i++) {
        Row row = help.createRow(i + 1);
        row.createCell(0).setCellValue(XlsxPostings.COLUMNS.get(i).header());
        row.createCell(1).setCellValue(NOTES.get(i));
      }
      help.setColumnWidth(0, 16 * 256);
      help.setColumnWidth(1, 70 * 256);
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
