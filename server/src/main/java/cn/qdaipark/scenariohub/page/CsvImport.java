package cn.qdaipark.scenariohub.page;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a CSV file into the NDJSON records of FORMAT.md, so the import service reads a spreadsheet exactly as it
 * reads JSON Lines (one rule set, one transaction). The header names the FORMAT.md fields; list fields hold
 * their items separated by "|" or "；"; an integer budget becomes a number (anything else stays text, so the
 * service reports it). Every record remembers its CSV row, so the service's line problems can be shown with the
 * row a spreadsheet shows (the header is row 1).
 */
final class CsvImport {
  static final List<String> SOLUTION_FIELDS = List.of("key", "title", "summary", "description", "domains", "track",
      "tags", "maturity", "provider", "region", "cases", "priceRange");
  static final List<String> POSTING_FIELDS = List.of("key", "kind", "title", "description", "domain", "issuer",
      "budgetWan", "deadline", "requirements", "region");
  private static final Set<String> LISTS = Set.of("domains", "tags", "cases", "requirements");
  private static final Set<String> NUMBERS = Set.of("budgetWan");

  /** A problem found before the service is asked: a row number (1 is the header), a message key and arguments. */
  record Problem(int row, String key, Object... args) {
  }

  /** The NDJSON text, the CSV row of each of its lines (in order), and the problems; records only without problems. */
  record Converted(String ndjson, List<Integer> rows, List<Problem> problems) {
    /** The CSV row of an NDJSON line number (from 1) the service reported. */
    int rowOf(int line) {
      return line >= 1 && line <= rows.size() ? rows.get(line - 1) : line;
    }
  }

  private CsvImport() {
  }

  static boolean isCsv(String fileName, String contentType) {
    return fileName != null && fileName.toLowerCase().endsWith(".csv")
        || contentType != null && contentType.toLowerCase().startsWith("text/csv");
  }

  /** UTF-8 (with or without BOM), else GB18030, which is what a Chinese Excel saves as "CSV". */
  static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException notUtf8) {
      Charset gb = Charset.isSupported("GB18030") ? Charset.forName("GB18030") : StandardCharsets.UTF_8;
      return new String(bytes, gb);
    }
  }

  static Converted convert(String text, boolean postings) {
    List<String> allowed = postings ? POSTING_FIELDS : SOLUTION_FIELDS;
    List<Problem> problems = new ArrayList<>();
    List<Csv.Row> rows;
    try {
      rows = Csv.parse(text);
    } catch (Csv.Malformed bad) {
      return new Converted("", List.of(), List.of(new Problem(bad.row(), bad.key())));
    }
    rows = rows.stream().filter(r -> !r.blank()).toList();
    if (rows.isEmpty()) {
      return new Converted("", List.of(), List.of(new Problem(1, "csv_no_header", String.join(", ", allowed))));
    }
    Csv.Row header = rows.get(0);
    List<String> names = header.fields().stream().map(String::strip).toList();
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (name.isEmpty()) {
        continue;
      }
      if (!allowed.contains(name)) {
        problems.add(new Problem(header.number(), "csv_unknown_column", name, String.join(", ", allowed)));
      } else if (!seen.add(name)) {
        problems.add(new Problem(header.number(), "csv_duplicate_column", name));
      }
    }
    if (!problems.isEmpty()) {
      return new Converted("", List.of(), problems);
    }
    if (rows.size() == 1) {
      return new Converted("", List.of(), List.of(new Problem(header.number(), "csv_no_records")));
    }
    StringBuilder ndjson = new StringBuilder();
    List<Integer> lineRows = new ArrayList<>();
    for (Csv.Row row : rows.subList(1, rows.size())) {
      List<String> cells = row.fields();
      boolean extra = cells.size() > names.size()
          && cells.subList(names.size(), cells.size()).stream().anyMatch(c -> !c.isBlank());
      if (extra) {
        problems.add(new Problem(row.number(), "csv_too_many_cells", cells.size(), names.size()));
        continue;
      }
      JsonObject record = new JsonObject();
      for (int c = 0; c < names.size() && c < cells.size(); c++) {
        String name = names.get(c);
        String cell = cells.get(c).strip();
        if (name.isEmpty() || cell.isEmpty()) {
          continue;
        }
        if (LISTS.contains(name)) {
          record.put(name, new JsonArray(Arrays.stream(cell.split("[|；]")).map(String::strip)
              .filter(s -> !s.isEmpty()).toList()));
        } else if (NUMBERS.contains(name) && cell.matches("-?\\d{1,15}")) {
          record.put(name, Long.parseLong(cell));
        } else {
          record.put(name, cell);
        }
      }
      ndjson.append(record.encode()).append('\n');
      lineRows.add(row.number());
    }
    return new Converted(ndjson.toString(), List.copyOf(lineRows), problems);
  }
}
