package cn.qdaipark.scenariohub.posting;

import static cn.qdaipark.scenariohub.posting.PostingStatus.ACCEPTANCE;
import static cn.qdaipark.scenariohub.posting.PostingStatus.ACCEPTED;
import static cn.qdaipark.scenariohub.posting.PostingStatus.ARCHIVED;
import static cn.qdaipark.scenariohub.posting.PostingStatus.AWARDED;
import static cn.qdaipark.scenariohub.posting.PostingStatus.CLOSED;
import static cn.qdaipark.scenariohub.posting.PostingStatus.DRAFT;
import static cn.qdaipark.scenariohub.posting.PostingStatus.FAILED;
import static cn.qdaipark.scenariohub.posting.PostingStatus.IN_DELIVERY;
import static cn.qdaipark.scenariohub.posting.PostingStatus.IN_TALKS;
import static cn.qdaipark.scenariohub.posting.PostingStatus.LANDED;
import static cn.qdaipark.scenariohub.posting.PostingStatus.OPEN;
import static cn.qdaipark.scenariohub.posting.PostingStatus.PENDING;
import static cn.qdaipark.scenariohub.posting.PostingStatus.PILOT;
import static cn.qdaipark.scenariohub.posting.PostingStatus.REJECTED;
import static cn.qdaipark.scenariohub.posting.PostingStatus.RESULT_PUBLISHED;
import static cn.qdaipark.scenariohub.posting.PostingStatus.REVIEW;
import static cn.qdaipark.scenariohub.posting.PostingStatus.SHORTLISTED;
import static cn.qdaipark.scenariohub.posting.PostingStatus.UNAWARDED;

import cn.qdaipark.scenariohub.http.ApiException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The only moves a call or demand can make, and who may make each. A call: draft → open (申报中) → review (评审中,
 * by the deadline only) → shortlisted (入围) → awarded (揭榜成功) → result_published (公示) → in_delivery (攻关中) →
 * acceptance (验收中) → accepted (已验收), back to in_delivery or failed (验收未通过); unawarded (流榜) from review;
 * closed (撤榜) before the deadline. A demand: draft → open (征集中) → in_talks (洽谈中) → pilot (试点中) → landed, or closed. Every posting may be archived by its issuer; an
 * unverified issuer's posting waits in pending for an admin.
 */
public final class PostingLifecycle {
  /** Who makes a move: a member of the issuing organization, a park admin, or the system (the deadline timer). */
  public enum Actor {
    ISSUER, ADMIN, SYSTEM;

    public String wire() {
      return name().toLowerCase();
    }
  }

  private static final Set<Actor> ISSUER_OR_ADMIN = EnumSet.of(Actor.ISSUER, Actor.ADMIN);
  private static final Set<Actor> ADMIN_ONLY = EnumSet.of(Actor.ADMIN);
  private static final Set<Actor> SYSTEM_ONLY = EnumSet.of(Actor.SYSTEM);

  private record Move(String from, String to, Set<Actor> actors) {
  }

  private static final List<Move> CHALLENGE = List.of(
      new Move(DRAFT, OPEN, ISSUER_OR_ADMIN),
      new Move(PENDING, OPEN, ADMIN_ONLY),
      new Move(PENDING, REJECTED, ADMIN_ONLY),
      new Move(OPEN, REVIEW, SYSTEM_ONLY),
      new Move(OPEN, CLOSED, ISSUER_OR_ADMIN),
      new Move(REVIEW, SHORTLISTED, ISSUER_OR_ADMIN),
      new Move(REVIEW, AWARDED, ISSUER_OR_ADMIN),
      new Move(REVIEW, UNAWARDED, ISSUER_OR_ADMIN),
      new Move(SHORTLISTED, AWARDED, ISSUER_OR_ADMIN),
      new Move(SHORTLISTED, UNAWARDED, ISSUER_OR_ADMIN),
      new Move(AWARDED, RESULT_PUBLISHED, ISSUER_OR_ADMIN),
      new Move(RESULT_PUBLISHED, IN_DELIVERY, ISSUER_OR_ADMIN),
      new Move(IN_DELIVERY, ACCEPTANCE, ISSUER_OR_ADMIN),
      new Move(ACCEPTANCE, ACCEPTED, ISSUER_OR_ADMIN),
      new Move(ACCEPTANCE, IN_DELIVERY, ISSUER_OR_ADMIN),
      new Move(ACCEPTANCE, FAILED, ISSUER_OR_ADMIN));

  private static final List<Move> DEMAND = List.of(
      new Move(DRAFT, OPEN, ISSUER_OR_ADMIN),
      new Move(PENDING, OPEN, ADMIN_ONLY),
      new Move(PENDING, REJECTED, ADMIN_ONLY),
      new Move(OPEN, IN_TALKS, ISSUER_OR_ADMIN),
      new Move(IN_TALKS, OPEN, ISSUER_OR_ADMIN),
      new Move(IN_TALKS, PILOT, ISSUER_OR_ADMIN),
      new Move(PILOT, LANDED, ISSUER_OR_ADMIN),
      new Move(OPEN, CLOSED, ISSUER_OR_ADMIN),
      new Move(IN_TALKS, CLOSED, ISSUER_OR_ADMIN),
      new Move(PILOT, CLOSED, ISSUER_OR_ADMIN));

  private PostingLifecycle() {
  }

  /** Who may move a posting of this kind from one state to another; empty when the move does not exist. */
  public static Set<Actor> actors(String kind, String from, String to) {
    if (ARCHIVED.equals(to)) {
      return ARCHIVED.equals(from) ? Set.of() : ISSUER_OR_ADMIN;
    }
    return moves(kind).stream().filter(m -> m.from.equals(from) && m.to.equals(to)).findFirst()
        .map(Move::actors).orElse(Set.of());
  }

  /** The states this actor may move the posting to next, in the order of the lifecycle. */
  public static List<String> next(String kind, String from, Actor actor) {
    Map<String, Boolean> next = new LinkedHashMap<>();
    moves(kind).stream().filter(m -> m.from.equals(from) && m.actors.contains(actor)).forEach(m -> next.put(m.to, true));
    if (!ARCHIVED.equals(from) && ISSUER_OR_ADMIN.contains(actor)) {
      next.put(ARCHIVED, true);
    }
    return List.copyOf(next.keySet());
  }

  /** Refuses a move that does not exist (409) or that this actor may not make (403), with a message saying why. */
  public static void check(String kind, String from, String to, Actor actor) {
    Set<Actor> allowed = actors(kind, from, to);
    String move = "「" + PostingStatus.label(kind, from) + "」变为「" + PostingStatus.label(kind, to) + "」";
    if (allowed.isEmpty()) {
      throw ApiException.conflict("当前状态不允许从" + move);
    }
    if (!allowed.contains(actor)) {
      throw ApiException.forbidden(allowed.equals(SYSTEM_ONLY)
          ? "申报截止后由系统自动转入评审，不能手动操作"
          : allowed.equals(ADMIN_ONLY) ? "只有管理员可以将状态从" + move : "只有发布单位可以将状态从" + move);
    }
  }

  private static List<Move> moves(String kind) {
    return "challenge".equals(kind) ? CHALLENGE : DEMAND;
  }
}
