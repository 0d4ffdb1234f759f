package cn.qdaipark.scenariohub.importer;

import cn.qdaipark.scenariohub.http.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.CellValue;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads a 场景清单 workbook (the first sheet; its first non-empty row names the columns in Chinese or as the
 * FORMAT.md fields) into the NDJSON records the posting import validates, one line per sheet row: line N of the
 * text is row N of the sheet (blank lines stand for the header and empty rows), so every problem the import
 * reports names the row a spreadsheet shows. Formula cells count by their computed value; a date cell (in the
 * workbook's 1900 or 1904 date system, or a date typed as 2026/12/31 or 2026年12月31日) becomes the ISO date of 截止日期.
 * Blocking: call it on a worker.
 */
public final class XlsxPostings {
  public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  /** The columns of the template, in order, with the record field each fills. */
  static final List<Column> COLUMNS = List.of(
      new Column("编号", "key"), new Column("类型", "kind"), new Column("标题", "title"),
      new Column("发布单位", "issuer"), new Column("领域", "domain"), new Column("描述", "description"),
      new Column("考核指标/需求", "requirements"), new Column("预算(万元)", "budgetWan"),
      new Column("截止日期", "deadline"), new Column("地区", "region"));
  /** Header spellings besides the template's own: the type column as the template explains it, full-width brackets. */
  private static final Map<String, String> HEADER_ALIASES = Map.of(
      "类型(揭榜挂帅/场景需求)", "kind", "考核指标", "requirements", "需求", "requirements", "预算", "budgetWan");
  static final Map<String, String> KINDS = Map.of("揭榜挂帅", "challenge", "场景需求", "demand", "需求", "demand");
  private static final Pattern LOOSE_DATE = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");
  private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};
  private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

  record Column(String header, String field) {
  }

  /** What reading a cell needs from its workbook: formulas to compute, and the date system (1900 or 1904). */
  private record CellReader(FormulaEvaluator formulas, boolean date1904) {
  }

  private XlsxPostings() {
  }

  /** The records as NDJSON, line N for sheet row N; a file that is no workbook or lacks a header fails with 400. */
  public static String toNdjson(byte[] bytes) {
    try (XSSFWorkbook book = open(bytes)) {
      if (book.getNumberOfSheets() == 0) {
        throw ApiException.badRequest("工作簿中没有工作表");
      }
      Sheet sheet = book.getSheetAt(0);
      CellReader cells = new CellReader(book.getCreationHelper().createFormulaEvaluator(), book.isDate1904());
      Row header = firstNonEmptyRow(sheet);
      if (header == null) {
        throw ApiException.badRequest("第一个工作表是空的：第一行应是列名（" + headers() + "）");
      }
      Map<Integer, String> fields = fieldsOf(header);
      StringBuilder ndjson = new StringBuilder("\n".repeat(header.getRowNum() + 1));
      for (int r = header.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
        JsonObject record = record(sheet.getRow(r), fields, cells);
        ndjson.append(record.isEmpty() ? "" : record.encode()).append('\n');
      }
      if (ndjson.toString().isBlank()) {
        throw ApiException.badRequest("工作表只有列名，没有数据行");
      }
      return ndjson.toString();
    } catch (java.io.IOException e) {
      throw notAWorkbook();
    }
  }

  /** The import's failure with each line's message naming its sheet row and columns ("第 7 行：标题：必填"). */
  public static Throwable namingRows(Throwable failure) {
    if (!(failure instanceof ApiException api)) {
      return failure;
    }
    JsonObject error = api.toJson().getJsonObject("error");
    JsonArray lines = error.getJsonArray("lines");
    if (lines == null) {
      return failure;
    }
    JsonArray rows = new JsonArray();
    for (Object o : lines) {
      JsonObject line = (JsonObject) o;
      int row = line.getInteger("line");
      rows.add(new JsonObject().put("line", row).put("row", row)
          .put("message", "第 " + row + " 行：" + withHeaders(line.getString("message"))));
    }
    return new ApiException(api.status(), error.getString("code"), error.getString("message"), Map.of(), rows);
  }

  static String headers() {
    return String.join("、", COLUMNS.stream().map(Column::header).toList());
  }

  private static XSSFWorkbook open(byte[] bytes) throws java.io.IOException {
    if (startsWith(bytes, OLE2)) {
      throw ApiException.badRequest("这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再导入");
    }
    if (!startsWith(bytes, ZIP)) {
      throw notAWorkbook();
    }
    try {
      return new XSSFWorkbook(new ByteArrayInputStream(bytes));
    } catch (RuntimeException e) {
      // POI reports a damaged or foreign ZIP with several unchecked exceptions; to the admin they all mean the same
      throw notAWorkbook();
    }
  }

  private static ApiException notAWorkbook() {
    return ApiException.badRequest("文件不是有效的 XLSX 工作簿（请上传 Excel 2007 及以后版本保存的 .xlsx 文件）");
  }

  private static boolean startsWith(byte[] bytes, byte[] magic) {
    return bytes.length >= magic.length && Arrays.equals(Arrays.copyOf(bytes, magic.length), magic);
  }

  private static Row firstNonEmptyRow(Sheet sheet) {
    for (Row row : sheet) {
      for (Cell cell : row) {
        if (!new DataFormatter().formatCellValue(cell).isBlank()) {
          return row;
        }
      }
    }
    return null;
  }

  /** Column index to record field; an unknown or repeated column name fails naming the header row. */
  private static Map<Integer, String> fieldsOf(Row header) {
    Map<Integer, String> fields = new HashMap<>();
    List<String> problems = new ArrayList<>();
    DataFormatter text = new DataFormatter();
    for (Cell cell : header) {
      String name = normalized(text.formatCellValue(cell));
      if (name.isEmpty()) {
        continue;
      }
      String field = fieldNamed(name);
      if (field == null) {
        problems.add("未知的列名「" + name + "」");
      } else if (fields.containsValue(field)) {
        problems.add("列「" + name + "」重复");
      } else {
        fields.put(cell.getColumnIndex(), field);
      }
    }
    if (!problems.isEmpty()) {
      int row = header.getRowNum() + 1;
      throw new ApiException(400, "validation_failed", "列名有误，未导入任何记录（可用的列：" + headers() + "）", Map.of(),
          new JsonArray().add(new JsonObject().put("line", row).put("row", row)
              .put("message", "第 " + row + " 行：" + String.join("；", problems))));
    }
    return fields;
  }

  private static String fieldNamed(String name) {
    for (Column c : COLUMNS) {
      if (c.header().equals(name) || c.field().equalsIgnoreCase(name)) {
        return c.field();
      }
    }
    return HEADER_ALIASES.get(name);
  }

  /** Full-width brackets and inner spaces as people type them: 预算（万元） is 预算(万元). */
  private static String normalized(String header) {
    return header.strip().replace('（', '(').replace('）', ')').replaceAll("\\s+", "");
  }

  private static JsonObject record(Row row, Map<Integer, String> fields, CellReader cells) {
    JsonObject record = new JsonObject();
    if (row == null) {
      return record;
    }
    fields.forEach((column, field) -> {
      Cell cell = row.getCell(column);
      Object value = cell == null ? null : value(cell, field, cells);
      if (value != null && !(value instanceof String s && s.isBlank())) {
        record.put(field, value);
      }
    });
    return record;
  }

  /** A cell as the record field wants it: numbers stay numbers for the budget, dates become ISO text. */
  private static Object value(Cell cell, String field, CellReader cells) {
    CellType type = cell.getCellType();
    if (type == CellType.FORMULA) {
      CellValue computed;
      try {
        computed = cells.formulas().evaluate(cell);
      } catch (RuntimeException e) {
        return "#公式无法计算";
      }
      return switch (computed.getCellType()) {
        case NUMERIC -> numeric(computed.getNumberValue(), DateUtil.isCellDateFormatted(cell), field, cells.date1904());
        case BOOLEAN -> String.valueOf(computed.getBooleanValue());
        case ERROR -> "#公式错误";
        default -> text(computed.getStringValue(), field);
      };
    }
    return switch (type) {
      case NUMERIC -> numeric(cell.getNumericCellValue(), DateUtil.isCellDateFormatted(cell), field, cells.date1904());
      case STRING -> text(cell.getStringCellValue(), field);
      case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
      default -> null;
    };
  }

  /** A date-formatted cell with a value no date has (a negative one, as a formula may compute) stays a number. */
  private static Object numeric(double number, boolean dateFormatted, String field, boolean date1904) {
    if ((dateFormatted || "deadline".equals(field)) && DateUtil.isValidExcelDate(number)) {
      return DateUtil.getLocalDateTime(number, date1904).toLocalDate().toString();
    }
    boolean whole = number == Math.rint(number) && Math.abs(number) < 1e15;
    if ("budgetWan".equals(field)) {
      return whole ? (Object) (long) number : number;
    }
    return text(whole ? String.valueOf((long) number) : String.valueOf(number), field);
  }

  private static Object text(String raw, String field) {
    String value = raw == null ? "" : raw.strip();
    return switch (field) {
      case "requirements" -> new JsonArray(Arrays.stream(value.split("\\r?\\n|[|；]")).map(String::strip)
          .filter(s -> !s.isEmpty()).toList());
      case "kind" -> KINDS.getOrDefault(value, value);
      case "budgetWan" -> value.matches("-?\\d{1,15}") ? (Object) Long.parseLong(value) : value;
      case "deadline" -> isoDate(value);
      default -> value;
    };
  }

  private static String isoDate(String value) {
    Matcher m = LOOSE_DATE.matcher(value);
    if (!m.matches()) {
      return value;
    }
    try {
      return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
          .format(DateTimeFormatter.ISO_LOCAL_DATE);
    } catch (java.time.DateTimeException e) {
      return value;
    }
  }

  /** "title：必填；domain：取值无效" with the columns' own names: "标题：必填；领域：取值无效". */
  private static String withHeaders(String message) {
    String out = message;
    for (Column c : COLUMNS) {
      out = out.replaceAll("(^|；)" + Pattern.quote(c.field()) + "：", "$1" + Matcher.quoteReplacement(c.header()) + "：");
    }
    return out;
  }
}
