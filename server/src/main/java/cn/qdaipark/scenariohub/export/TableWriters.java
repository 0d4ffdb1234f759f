package cn.qdaipark.scenariohub.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Writes a table as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read Chinese correctly) or XLSX. */
final class TableWriters {
  /** Text a spreadsheet program would run as a formula when it opens a CSV file (=, +, -, @, tab, return). */
  private static final Pattern FORMULA_START = Pattern.compile("^[=+\\-@\t\r].*", Pattern.DOTALL);
  private static final Pattern NUMBER = Pattern.compile("^[+-]?\\d+(\\.\\d+)?$");

  private TableWriters() {
  }

  /**
   * A cell as CSV text that opens as text: user-written values starting like a formula get a leading apostrophe
   * (the usual neutralisation; spreadsheets hide it), so a title such as {@code =HYPERLINK(...)} cannot run in the
   * reader's spreadsheet. Plain signed numbers stay numbers. XLSX cells are typed as text and need nothing.
   */
  static String csvCell(String value) {
    if (value == null) {
      return "";
    }
    return FORMULA_START.matcher(value).matches() && !NUMBER.matcher(value).matches() ? "'" + value : value;
  }

  static byte[] csv(Table table) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
      CSVPrinter printer = csvPrinter(writer, table.header());
      for (List<String> row : table.rows()) {
        csvRecord(printer, row);
      }
      printer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A CSV printer that has written the byte-order mark and the header. */
  static CSVPrinter csvPrinter(Appendable out, List<String> header) throws IOException {
    out.append('\uFEFF');
    return new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
  }

  /** One row, each cell neutralised by {@link #csvCell}. */
  static void csvRecord(CSVPrinter printer, List<String> row) throws IOException {
    printer.printRecord(row.stream().map(TableWriters::csvCell).toList());
  }

  static byte[] xlsx(Table table) {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = book.createSheet(table.name());
      CellStyle bold = book.createCellStyle();
      Font font = book.createFont();
      font.setBold(true);
      bold.setFont(font);
      Row header = sheet.createRow(0);
      for (int c = 0; c < table.header().size(); c++) {
        Cell cell = header.createCell(c);
        cell.setCellValue(table.header().get(c));
        cell.setCellStyle(bold);
      }
      for (int r = 0; r < table.rows().size(); r++) {
        Row row = sheet.createRow(r + 1);
        List<String> values = table.rows().get(r);
        for (int c = 0; c < values.size(); c++) {
          row.createCell(c).setCellValue(values.get(c) == null ? "" : values.get(c));
        }
      }
      sheet.createFreezePane(0, 1);
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
