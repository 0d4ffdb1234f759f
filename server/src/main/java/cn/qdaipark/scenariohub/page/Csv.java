package cn.qdaipark.scenariohub.page;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated fields, records ending in CRLF or LF (a last record may lack it),
 * fields in double quotes may hold commas, line breaks and doubled quotes ({@code ""}). A leading UTF-8 byte
 * order mark (as Excel writes) is skipped. Malformed input is not guessed at: an unterminated quote or text
 * after a closing quote is reported with the record's number, counting the first record (the header) as 1.
 */
final class Csv {
  /** One record: its number (the header is 1), the physical line it starts on, and its fields. */
  record Row(int number, int line, List<String> fields) {
    boolean blank() {
      return fields.stream().allMatch(f -> f.isBlank());
    }
  }

  /** A problem that stops the reading, at a record number. */
  static final class Malformed extends Exception {
    private final int row;
    private final String key;

    Malformed(int row, String key) {
      super(key + " at record " + row, null, false, false);
      this.row = row;
      this.key = key;
    }

    int row() {
      return row;
    }

    /** The message key (csv_unterminated or csv_after_quote). */
    String key() {
      return key;
    }
  }

  private Csv() {
  }

  static List<Row> parse(String text) throws Malformed {
    List<Row> rows = new ArrayList<>();
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    int n = text.length();
    int line = 1;
    if (i >= n) {
      return rows;
    }
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int rowStartLine = line;
    while (true) {
      // at the start of a field
      if (i < n && text.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            throw new Malformed(rows.size() + 1, "csv_unterminated");
          }
          char c = text.charAt(i);
          if (c == '"') {
            if (i + 1 < n && text.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c == '\n') {
            line++;
          }
          field.append(c);
          i++;
        }
        if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
          throw new Malformed(rows.size() + 1, "csv_after_quote");
        }
      } else {
        while (i < n) {
          char c = text.charAt(i);
          if (c == ',' || c == '\n' || c == '\r') {
            break;
          }
          field.append(c);
          i++;
        }
      }
      fields.add(field.toString());
      field.setLength(0);
      if (i >= n) {
        rows.add(new Row(rows.size() + 1, rowStartLine, List.copyOf(fields)));
        return rows;
      }
      char c = text.charAt(i);
      if (c == ',') {
        i++;
        continue;
      }
      // end of record: CRLF, LF or a lone CR
      i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
      line++;
      rows.add(new Row(rows.size() + 1, rowStartLine, List.copyOf(fields)));
      fields.clear();
      rowStartLine = line;
      if (i >= n) {
        return rows;
      }
    }
  }
}
