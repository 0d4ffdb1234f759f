package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.vocabulary.Vocabulary;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

/**
 * Finds the Han text of an English page that no user wrote. User content is what was written into the records, read
 * back from PostgreSQL (every text column of the record tables, not the tables the platform writes its own sentences
 * into: notifications, timeline notes, audit, e-mail); the fixed vocabulary is not user content even where a record
 * stores it.
 */
final class ChineseOutsideUserContent {
  private static final List<String> DISTRICTS = List.of("市南区", "市北区", "黄岛区", "西海岸新区", "崂山区", "李沧区",
      "城阳区", "即墨区", "胶州市", "平度市", "莱西市");
  /** The fixed vocabulary and Qingdao's regions: stored in records, but never user content. */
  private static final Set<String> VOCABULARY = vocabulary();
  /** Tables the platform writes its own (Chinese) sentences into, or that hold no one's text. */
  private static final Set<String> PLATFORM_TABLES = Set.of("notifications", "email_outbox", "posting_events",
      "audit_log", "outbox", "outbox_pruned", "idempotency_keys", "rate_limits", "index_replicas", "password_resets",
      "revoked_tokens", "flyway_schema_history", "notification_preferences", "notification_settings");
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
  /**
   * Runs of text between spaces, Latin words, list separators and sentence ends (a snippet joins a summary and a
   * description with 。): each run with Han must come from a user.
   */
  private static final Pattern RUN = Pattern.compile("[^\\s\\p{Alpha}、。，；,;:()\\[\\]|✓✗·…]+");
  private static final String EDGE_PUNCTUATION = "「」『』（）《》“”‘’\"'。，：；！？、…—-.0123456789";

  private ChineseOutsideUserContent() {
  }

  /** The Han text nodes (and shown attributes) of a page that no user wrote. */
  static List<String> offending(String html, Set<String> userTexts) {
    Document doc = Jsoup.parse(html);
    doc.select("script, style").remove();
    List<String> found = new ArrayList<>();
    for (Element e : doc.getAllElements()) {
      for (TextNode node : e.textNodes()) {
        String text = node.text().strip();
        if ("中文".equals(text) && e.closest("[lang^=zh]") != null) {
          continue; // the language switch names Chinese in Chinese, marked as such
        }
        if (!fromUsers(text, userTexts)) {
          found.add(text);
        }
      }
      for (String attribute : List.of("title", "placeholder", "aria-label", "alt", "content")) {
        String value = e.attr(attribute).strip();
        if (e.hasAttr(attribute) && !fromUsers(value, userTexts)) {
          found.add("[" + attribute + "] " + value);
        }
      }
      if (e.is("input[type=submit], input[type=button]") && !fromUsers(e.attr("value"), userTexts)) {
        found.add("[value] " + e.attr("value"));
      }
    }
    return found;
  }

  private static boolean fromUsers(String text, Set<String> userTexts) {
    if (!HAN.matcher(text).find()) {
      return true;
    }
    String rest = text;
    for (String value : userTexts) {
      rest = rest.replace(value, " ");
    }
    Matcher run = RUN.matcher(rest);
    while (run.find()) {
      String piece = strip(run.group());
      if (HAN.matcher(piece).find()
          && (VOCABULARY.contains(piece) || userTexts.stream().noneMatch(v -> v.contains(piece)))) {
        return false;
      }
    }
    return true;
  }

  private static String strip(String piece) {
    int start = 0;
    int end = piece.length();
    while (start < end && EDGE_PUNCTUATION.indexOf(piece.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && EDGE_PUNCTUATION.indexOf(piece.charAt(end - 1)) >= 0) {
      end--;
    }
    return piece.substring(start, end);
  }

  private static Set<String> vocabulary() {
    Set<String> words = new HashSet<>();
    words.addAll(Vocabulary.DOMAINS);
    words.addAll(Vocabulary.TRACKS);
    words.addAll(Vocabulary.MATURITIES);
    words.add("青岛市");
    for (String district : DISTRICTS) {
      words.add(district);
      words.add("青岛市" + district);
    }
    return words;
  }

  /**
   * Every text the fixtures wrote, read back from PostgreSQL, longest first (so that a title is taken out of a
   * text before a shorter value inside it), without the fixed vocabulary, plus what a test typed (a search shown on the page).
   */
  static Set<String> userTexts(Pool pool, String... typed) {
    List<String> values = new ArrayList<>(List.of(typed));
    String columns = "SELECT table_name, column_name, data_type FROM information_schema.columns "
        + "WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'character', 'ARRAY', 'jsonb')";
    for (Row column : pool.query(columns).execute().await()) {
      String table = column.getString("table_name");
      if (PLATFORM_TABLES.contains(table)) {
        continue;
      }
      String name = '"' + column.getString("column_name") + '"';
      String sql = switch (column.getString("data_type")) {
        case "ARRAY" -> "SELECT unnest(" + name + ")::text FROM " + table;
        case "jsonb" -> "SELECT v #>> '{}' FROM " + table + ", jsonb_path_query(" + name
            + ", 'strict $.** ? (@.type() == \"string\")') v";
        default -> "SELECT " + name + "::text FROM " + table;
      };
      for (Row row : pool.query(sql).execute().await()) {
        String value = row.getString(0);
        if (value != null && HAN.matcher(value).find() && !VOCABULARY.contains(value.strip())) {
          values.add(value.strip());
        }
      }
    }
    values.sort(Comparator.comparingInt(String::length).reversed());
    return new LinkedHashSet<>(values);
  }

}
