package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.application.Application;
import cn.qdaipark.scenariohub.index.MatchReason;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.solution.Solution;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The view data of solutions, postings and matches, with labels already in the page's language: domains, tracks,
 * maturities and regions are display names (see {@link Terms}), not the vocabulary values filters link with.
 */
final class Cards {
  private Cards() {
  }

  /** Names on one line, separated by 「、」 (a consortium's partners, for instance). */
  static String names(List<?> names) {
    return String.join("、", names.stream().map(String::valueOf).toList());
  }

  /** Vocabulary terms (a call's regions, for instance) by their names in the page's language, on one line. */
  static String terms(List<String> terms, Messages m) {
    return String.join(m.english() ? ", " : "、", Terms.names(m, terms));
  }

  /** The names of an application's partners, confirmed or not. */
  static String partnerNames(Application a) {
    return names(a.partners().stream().map(Application.Partner::name).toList());
  }

  record SolutionCard(long id, String title, String summary, List<String> domains, String track, String maturity,
                      String region, long organizationId, String provider, boolean verified, String status,
                      String statusLabel, String moderationReason, String updated) {
  }

  record PostingCard(long id, String kind, String kindLabel, String title, String excerpt, String domain, String budget,
                     String deadline, String daysLeft, boolean urgent, String status, String statusLabel,
                     long organizationId, String issuer, boolean verified, String moderationReason) {
  }

  /**
   * A search hit: titleHtml and snippetHtml come from the index already escaped, with only {@code <mark>} added.
   * {@code lowRelevanceStart}: the first hit of the page below the relevance floor, shown after a divider.
   */
  record Hit(long id, String titleHtml, String snippetHtml, List<String> domains, String track, String maturity,
             String region, long organizationId, String provider, boolean verified, boolean lowRelevanceStart) {
  }

  /** A match reason as plain text: it quotes posting and solution texts, so templates must escape it. */
  record Reason(String kind, String text) {
  }

  /**
   * A recommended solution: the compact card shows the score, the coverage of the requirements and the first
   * {@link #TOP_REASONS} other reasons; all reasons wait behind 完整匹配说明.
   */
  record SolutionMatch(SolutionCard solution, int rank, String score, List<Reason> reasons, Coverage coverage,
                       List<Reason> topReasons) {
  }

  /** How many of the posting's judgeable requirement lines a solution meets; {@code none} when it meets none. */
  record Coverage(int met, int total, boolean none) {
  }

  static final int TOP_REASONS = 2;
  private static final Pattern MET_OF_TOTAL = Pattern.compile("(\\d+)\\s*/\\s*(\\d+)");

  static SolutionMatch solutionMatch(SolutionCard solution, int rank, String score, List<Reason> reasons) {
    Coverage coverage = reasons.stream().filter(r -> MatchReason.REQUIREMENTS.equals(r.kind())).findFirst()
        .map(r -> MET_OF_TOTAL.matcher(r.text())).filter(Matcher::find)
        .map(c -> new Coverage(Integer.parseInt(c.group(1)), Integer.parseInt(c.group(2)), "0".equals(c.group(1))))
        .orElse(null);
    List<Reason> top = reasons.stream().filter(r -> !MatchReason.REQUIREMENTS.equals(r.kind())).limit(TOP_REASONS).toList();
    return new SolutionMatch(solution, rank, score, reasons, coverage, top);
  }

  record PostingMatch(PostingCard posting, String score, List<Reason> reasons) {
  }

  static SolutionCard solution(Solution s, Messages m) {
    return new SolutionCard(s.id(), s.title(), s.summary(), Terms.names(m, s.domains()), Terms.name(m, s.track()),
        Terms.name(m, s.maturity()), Terms.name(m, s.region()),
        s.organizationId(), s.provider(), s.providerVerified(), s.status(), m.get("status_" + s.status()), s.moderationReason(),
        s.updatedAt().toLocalDate().toString());
  }

  static SolutionCard solution(JsonObject s, Messages m) {
    return new SolutionCard(s.getLong("id"), s.getString("title"), s.getString("summary"),
        Terms.names(m, strings(s, "domains")), Terms.name(m, s.getString("track")), Terms.name(m, s.getString("maturity")),
        Terms.name(m, s.getString("region")), s.getLong("organizationId"),
        s.getString("provider"), Boolean.TRUE.equals(s.getBoolean("providerVerified")), s.getString("status"),
        m.get("status_" + s.getString("status")), s.getString("moderationReason"),
        s.getString("updatedAt", "").length() >= 10 ? s.getString("updatedAt").substring(0, 10) : "");
  }

  static PostingCard posting(Posting p, Messages m, LocalDate today) {
    return posting(p.toJson(), m, today);
  }

  static PostingCard posting(JsonObject p, Messages m, LocalDate today) {
    String deadline = p.getString("deadline");
    long days = deadline == null ? -1 : ChronoUnit.DAYS.between(today, LocalDate.parse(deadline));
    boolean open = "open".equals(p.getString("status"));
    String daysLeft = !open || deadline == null ? "" : days < 0 ? m.get("deadline_passed")
        : days == 0 ? m.get("deadline_today") : m.format("days_left", days);
    String description = p.getString("description", "");
    return new PostingCard(p.getLong("id"), p.getString("kind"), m.get("kind_" + p.getString("kind")),
        p.getString("title"), description.length() > 90 ? description.substring(0, 90) + "…" : description,
        Terms.name(m, p.getString("domain")), budget(p.getLong("budgetWan", 0L), m), deadline == null ? "" : deadline, daysLeft,
        open && days >= 0 && days <= 14, p.getString("status"),
        ChallengePages.statusLabel(p.getString("kind"), p.getString("status"), m), p.getLong("organizationId"), p.getString("issuer"), Boolean.TRUE.equals(p.getBoolean("issuerVerified")), p.getString("moderationReason"));
  }

  /** The hits of one page; low-relevance hits come last (the index orders them so), the first of them opens a divider. */
  static List<Hit> hits(JsonArray items, Messages m) {
    List<Hit> hits = new ArrayList<>();
    boolean dividerShown = false;
    for (Object o : items) {
      JsonObject item = (JsonObject) o;
      boolean low = Boolean.TRUE.equals(item.getBoolean("lowRelevance"));
      hits.add(new Hit(item.getLong("id"), item.getString("titleHtml"), item.getString("snippetHtml"),
          Terms.names(m, strings(item, "domains")), Terms.name(m, item.getString("track")),
          Terms.name(m, item.getString("maturity")), Terms.name(m, item.getString("region")),
          item.getLong("organizationId"), item.getString("provider"), Boolean.TRUE.equals(item.getBoolean("providerVerified")),
          low && !dividerShown));
      dividerShown |= low;
    }
    return hits;
  }

  static String budget(long wan, Messages m) {
    return wan <= 0 ? m.get("budget_none") : Terms.wan(m, wan);
  }

  /** The reasons of a match in the page's language (the API gives them in Chinese). */
  static List<Reason> reasons(JsonArray reasons, Messages m) {
    return reasons.stream().map(JsonObject.class::cast)
        .map(r -> new Reason(r.getString("kind"), ReasonTranslator.reason(r.getString("text"), m))).toList();
  }

  static String score(Number score) {
    return score == null ? "" : String.format("%.2f", score.doubleValue());
  }

  private static List<String> strings(JsonObject o, String field) {
    JsonArray array = o.getJsonArray(field);
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }
}
