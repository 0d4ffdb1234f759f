package cn.qdaipark.scenariohub.posting;

import java.util.Map;
import java.util.Set;

/**
 * The states of a call or demand (see {@link PostingLifecycle} for the moves between them). {@code open} is the
 * published state: 申报中 for a call, 征集中 for a demand.
 */
public final class PostingStatus {
  public static final String DRAFT = "draft";
  public static final String PENDING = "pending";
  public static final String OPEN = "open";
  public static final String CLOSED = "closed";
  public static final String REJECTED = "rejected";
  public static final String ARCHIVED = "archived";
  // a call after its deadline
  public static final String REVIEW = "review";
  public static final String SHORTLISTED = "shortlisted";
  public static final String AWARDED = "awarded";
  public static final String RESULT_PUBLISHED = "result_published";
  public static final String IN_DELIVERY = "in_delivery";
  public static final String UNAWARDED = "unawarded";
  // a call after delivery: its acceptance (验收) and the outcome
  public static final String ACCEPTANCE = "acceptance";
  public static final String ACCEPTED = "accepted";
  public static final String FAILED = "failed";
  // a demand in progress
  public static final String IN_TALKS = "in_talks";
  public static final String PILOT = "pilot";
  // both kinds
  public static final String LANDED = "landed";

  public static final Set<String> ALL = Set.of(DRAFT, PENDING, OPEN, CLOSED, REJECTED, ARCHIVED, REVIEW, SHORTLISTED,
      AWARDED, RESULT_PUBLISHED, IN_DELIVERY, ACCEPTANCE, ACCEPTED, FAILED, UNAWARDED, IN_TALKS, PILOT, LANDED);
  /** States hidden from the public: not yet approved, turned down, or taken down by the issuer. */
  public static final Set<String> HIDDEN = Set.of(DRAFT, PENDING, REJECTED, ARCHIVED);
  /** States in which the public may see a posting: every state but the hidden ones. */
  public static final Set<String> PUBLIC = Set.of(OPEN, CLOSED, REVIEW, SHORTLISTED, AWARDED, RESULT_PUBLISHED,
      IN_DELIVERY, ACCEPTANCE, ACCEPTED, FAILED, UNAWARDED, IN_TALKS, PILOT, LANDED);
  /** States up to publishing: a call's content may still change, and an import may still replace it. */
  public static final Set<String> UP_TO_OPEN = Set.of(DRAFT, PENDING, REJECTED, OPEN);
  /** States of a call from its award on, when it no longer looks for solutions. */
  public static final Set<String> SCENARIO_CHALLENGE = Set.of(AWARDED, RESULT_PUBLISHED, IN_DELIVERY, ACCEPTANCE,
      ACCEPTED, LANDED);
  /** States that show a conversation has started: talks on a demand, or a call past its deadline with applicants. */
  public static final Set<String> CONTACTED = Set.of(IN_TALKS, PILOT, SHORTLISTED, AWARDED, RESULT_PUBLISHED, IN_DELIVERY,
      ACCEPTANCE, ACCEPTED, FAILED, LANDED);
  /** A demand piloted (先试后转) or a call in delivery (攻关), and everything after. */
  public static final Set<String> PILOT_OR_LATER = Set.of(PILOT, IN_DELIVERY, ACCEPTANCE, ACCEPTED, FAILED, LANDED);
  /** States of a call whose result has been published (公示) or has moved on from there. */
  public static final Set<String> RESULT_STATES = Set.of(RESULT_PUBLISHED, IN_DELIVERY, ACCEPTANCE, ACCEPTED, FAILED,
      LANDED);

  private static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry(DRAFT, "草稿"), Map.entry(PENDING, "待审核"), Map.entry(CLOSED, "已关闭"), Map.entry(REJECTED, "已驳回"),
      Map.entry(ARCHIVED, "已归档"), Map.entry(REVIEW, "评审中"), Map.entry(SHORTLISTED, "入围"),
      Map.entry(AWARDED, "揭榜成功"), Map.entry(RESULT_PUBLISHED, "结果公示"), Map.entry(IN_DELIVERY, "攻关中"),
      Map.entry(ACCEPTANCE, "验收中"), Map.entry(ACCEPTED, "已验收"), Map.entry(FAILED, "验收未通过"),
      Map.entry(UNAWARDED, "流榜"), Map.entry(IN_TALKS, "洽谈中"), Map.entry(PILOT, "试点中"), Map.entry(LANDED, "已落地"));

  private PostingStatus() {
  }

  /** The Chinese name of a state, as messages and the timeline show it. */
  public static String label(String kind, String status) {
    if (OPEN.equals(status)) {
      return "challenge".equals(kind) ? "申报中" : "征集中";
    }
    return LABELS.getOrDefault(status, status);
  }
}
