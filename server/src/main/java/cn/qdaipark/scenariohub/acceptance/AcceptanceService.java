package cn.qdaipark.scenariohub.acceptance;

import cn.qdaipark.scenariohub.alert.NotificationRepository;
import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.lifecycle.LifecycleService;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingRepository;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The acceptance (验收) of a call. Entering acceptance opens a round; the issuer appoints a panel of 3 to 9 accounts of
 * verified government organizations, none from the awarded consortium; each member scores every 考核指标 met /
 * partly / not met, or declares a conflict and recuses; once every member still on the panel has scored, the issuer
 * concludes in line with the panel's verdict ({@link PanelVerdict}) and the call moves in the same transaction.
 */
public final class AcceptanceService {
  public static final int MIN_PANEL = 3;
  public static final int MAX_PANEL = 9;
  public static final String APPOINTED = "acceptance_appointed";
  public static final String RECUSED = "acceptance_recused";
  public static final String CONCLUDED = "acceptance_concluded";
  /** The outcomes an issuer concludes a round with: the state the call moves to. */
  public static final List<String> OUTCOMES = List.of(PostingStatus.ACCEPTED, PostingStatus.IN_DELIVERY,
      PostingStatus.FAILED);

  private final Pool pool;
  private final AcceptanceRepository rounds;
  private final PostingService postings;
  private final PostingRepository postingRepository;
  private final LifecycleService lifecycle;
  private final AuditLog audit;
  private final NotificationRepository notifications;

  public AcceptanceService(Pool pool, AcceptanceRepository rounds, PostingService postings,
                           PostingRepository postingRepository, LifecycleService lifecycle, AuditLog audit,
                           NotificationRepository notifications) {
    this.pool = pool;
    this.rounds = rounds;
    this.postings = postings;
    this.postingRepository = postingRepository;
    this.lifecycle = lifecycle;
    this.audit = audit;
    this.notifications = notifications;
  }

  /** Who looks at a round decides what they see. */
  enum Viewer {
    ISSUER, MEMBER, CONSORTIUM, PUBLIC
  }

  /** A round as its viewer may see it, with what the viewer may do. */
  private record Context(Posting posting, AcceptanceRound round, List<PanelMember> panel, List<Score> scores,
                         List<Long> consortium) {
  }

  /** Every round of a call, as the caller may see them (the call page's section). */
  public Future<JsonObject> ofPosting(Optional<CurrentUser> user, long postingId) {
    return postings.get(user, postingId).compose(posting -> rounds.rounds(pool, postingId)
        .compose(list -> {
          JsonArray views = new JsonArray();
          Future<Void> chain = Future.succeededFuture();
          for (AcceptanceRound round : list) {
            chain = chain.compose(ok -> load(pool, posting, round).map(c -> {
              views.add(view(c, user));
              return null;
            }));
          }
          return chain.map(ok -> new JsonObject().put("postingId", postingId).put("status", posting.status())
              .put("rule", PanelVerdict.RULE).put("rounds", views));
        }));
  }

  /** One round; only its issuer, panel, consortium and admins see a round that has not passed. */
  public Future<JsonObject> round(CurrentUser user, long roundId) {
    return context(roundId).compose(c -> {
      JsonObject view = view(c, Optional.of(user));
      return !"public".equals(view.getString("viewer")) || PostingStatus.ACCEPTED.equals(c.round().outcome())
          ? Future.succeededFuture(view)
          : Future.failedFuture(ApiException.forbidden("只有发布单位、验收专家和揭榜联合体可以查看验收详情"));
    });
  }

  public Future<JsonObject> appoint(CurrentUser user, long roundId, long memberId) {
    return context(roundId).compose(c -> issuer(user, c, "只有发布单位可以指定验收专家")).compose(c -> open(c)
        .compose(ok -> c.consortium().isEmpty() ? Future.succeededFuture() : rounds.organizationOf(pool, memberId)
            .compose(org -> org.filter(c.consortium()::contains).isPresent()
                ? Future.failedFuture(ApiException.conflict("利益冲突：验收专家不能来自揭榜联合体的成员单位"))
                : Future.succeededFuture()))
        .compose(ok -> rounds.candidate(pool, memberId))
        .compose(found -> found.isEmpty() || !Role.GOVERNMENT.wire().equals(found.get().role())
            ? Future.failedFuture(ApiException.validation(Map.of("userId", "验收专家必须是平台上的政府部门账号")))
            : found.get().verifiedOrganization() ? Future.succeededFuture()
            : Future.failedFuture(ApiException.validation(Map.of("userId",
                "该账号所属的政府部门尚未通过平台认证，不能担任验收专家"))))
        .compose(ok -> pool.withTransaction(db -> lockedOpen(db, roundId)
            .compose(open -> rounds.panel(db, roundId))
            .compose(panel -> panel.stream().filter(m -> !m.recused()).count() >= MAX_PANEL
                ? Future.failedFuture(ApiException.conflict("验收专家组最多 " + MAX_PANEL + " 人"))
                : Future.succeededFuture())
            .compose(ok2 -> rounds.appoint(db, roundId, memberId, user.id()))
            .compose(added -> added ? Future.succeededFuture()
                : Future.failedFuture(ApiException.conflict("该专家已在验收专家组中")))
            .compose(done -> audit.record(db, user.id(), "acceptance.panel.add", "acceptance_round", roundId,
                new JsonObject().put("postingId", c.posting().id()).put("userId", memberId)))
            .compose(done -> notifications.notifyUsers(db, List.of(memberId), APPOINTED, c.posting().id(),
                "您被指定为验收专家组成员：" + c.posting().title(),
                "发布单位邀请您参加该项目的验收，请对每项考核指标作出评价；如与揭榜单位存在利益冲突，请在验收页声明回避。",
                link(roundId))))))
        .compose(done -> round(user, roundId));
  }

  public Future<JsonObject> score(CurrentUser user, long roundId, JsonObject body) {
    return context(roundId).compose(c -> activeMember(user, c, "您不是该项目的验收专家，不能评分",
            "您已声明回避，不能再评分"))
        .compose(c -> open(c).map(c))
        .compose(c -> {
          List<Score> scores = ScoreSheet.read(body, Requirements.of(c.posting()), user.id());
          return pool.withTransaction(db -> lockedOpen(db, roundId)
              .compose(ok -> rounds.replaceScores(db, roundId, user.id(), scores))
              .compose(done -> audit.record(db, user.id(), "acceptance.score", "acceptance_round", roundId,
                  new JsonObject().put("postingId", c.posting().id()).put("requirements", scores.size()))));
        })
        .compose(done -> round(user, roundId));
  }

  /** A panel member declares a conflict of interest (回避): kept with the reason; the issuer may appoint another. */
  public Future<JsonObject> recuse(CurrentUser user, long roundId, String reason) {
    return context(roundId).compose(c -> activeMember(user, c, "您不是该项目的验收专家，无需声明回避", "您已声明过回避"))
        .compose(c -> open(c).map(c))
        .compose(c -> pool.withTransaction(db -> lockedOpen(db, roundId)
            .compose(open -> rounds.recuse(db, roundId, user.id(), reason))
            .compose(recorded -> recorded ? Future.succeededFuture()
                : Future.failedFuture(ApiException.conflict("您已声明过回避")))
            .compose(done -> audit.record(db, user.id(), "acceptance.recusal", "acceptance_round", roundId,
                new JsonObject().put("postingId", c.posting().id()).put("reason", reason)))
            .compose(done -> notifications.notifyOrganizations(db, List.of(c.posting().organizationId()), RECUSED,
                c.posting().id(), "验收专家声明回避：" + c.posting().title(),
                "一位验收专家声明回避，理由：" + reason + "。您可以另行指定验收专家。", link(roundId)))))
        .compose(done -> round(user, roundId));
  }

  /**
   * The issuer's conclusion: {@code accepted} only when the panel's verdict passes, {@code in_delivery} or
   * {@code failed} only when it does not, and only once every member still on the panel (at least three) has scored.
   * The round is locked first, so of two conclusions at once only one wins.
   */
  public Future<JsonObject> conclude(CurrentUser user, long roundId, String outcome, String summary) {
    if (!OUTCOMES.contains(outcome)) {
      return Future.failedFuture(ApiException.validation(Map.of("outcome", "取值必须是以下之一：accepted、in_delivery、failed")));
    }
    return context(roundId).compose(c -> issuer(user, c, "只有发布单位可以作出验收结论"))
        .compose(first -> pool.withTransaction(db -> rounds.roundForUpdate(db, roundId).map(Optional::orElseThrow)
            .compose(round -> postingRepository.findById(db, round.postingId()).map(Optional::orElseThrow)
                .compose(posting -> load(db, posting, round)))
            .compose(c -> open(c).map(c))
            .compose(c -> {
              List<PanelMember> active = c.panel().stream().filter(m -> !m.recused()).toList();
              if (active.size() < MIN_PANEL) {
                return Future.failedFuture(ApiException.conflict("验收专家组至少需要 " + MIN_PANEL + " 位未回避的专家"));
              }
              List<String> missing = active.stream().filter(m -> !m.scored()).map(PanelMember::displayName).toList();
              if (!missing.isEmpty()) {
                return Future.failedFuture(ApiException.conflict("尚有 " + missing.size() + " 位验收专家未评分（"
                    + String.join("、", missing) + "），不能作出结论"));
              }
              PanelVerdict verdict = verdict(c);
              if (verdict.passes() != PostingStatus.ACCEPTED.equals(outcome)) {
                return Future.failedFuture(ApiException.conflict(verdict.passes()
                    ? "专家组验收结论为通过，应作出验收通过的结论"
                    : "专家组验收结论为不通过，不能作出验收通过的结论；请选择退回攻关或验收未通过"));
              }
              return rounds.conclude(db, roundId, outcome, verdict, summary, user.id())
                  .compose(concluded -> concluded ? Future.succeededFuture()
                      : Future.failedFuture(ApiException.conflict("本轮验收已作出结论")))
                  .compose(done -> audit.record(db, user.id(), "acceptance.conclude", "acceptance_round", roundId,
                      new JsonObject().put("postingId", c.posting().id()).put("outcome", outcome)
                          .put("passes", verdict.passes())))
                  .compose(done -> notifications.notifyOrganizations(db, c.consortium(), CONCLUDED, c.posting().id(),
                      conclusionTitle(outcome) + c.posting().title(),
                      "发布单位已作出第 " + c.round().roundNo() + " 轮验收结论，请在项目页查看各项考核指标的评价。",
                      "/postings/" + c.posting().id()))
                  .compose(done -> postingRepository.findById(db, c.posting().id()).map(Optional::orElseThrow))
                  .compose(posting -> lifecycle.apply(db, posting, outcome, user, timelineNote(c.round().roundNo(), outcome)));
            })))
        .compose(done -> round(user, roundId));
  }

  /** The rounds the caller sits on the panel of (待我验收). */
  public Future<List<AcceptanceRepository.Assignment>> assignments(CurrentUser user) {
    return rounds.assignmentsOf(pool, user.id());
  }

  static String conclusionTitle(String outcome) {
    return switch (outcome) {
      case PostingStatus.ACCEPTED -> "项目验收通过：";
      case PostingStatus.IN_DELIVERY -> "项目验收未通过，退回攻关整改：";
      default -> "项目验收未通过：";
    };
  }

  static String timelineNote(int roundNo, String outcome) {
    return "第 " + roundNo + " 轮验收" + switch (outcome) {
      case PostingStatus.ACCEPTED -> "通过";
      case PostingStatus.IN_DELIVERY -> "未通过，退回攻关整改";
      default -> "未通过，项目终止";
    };
  }

  static String link(long roundId) {
    return "/acceptances/" + roundId;
  }

  /**
   * Locks the round until the transaction ends and checks it is still open: appointments, scores and recusals wait
   * for a conclusion under way and are refused after it, so the verdict is taken from what the panel left.
   */
  private Future<Void> lockedOpen(SqlClient db, long roundId) {
    return rounds.roundForUpdate(db, roundId).compose(round -> round.filter(AcceptanceRound::open).isPresent()
        ? Future.succeededFuture()
        : Future.failedFuture(ApiException.conflict("本轮验收已作出结论，不能再进行此操作")));
  }

  private Future<Context> context(long roundId) {
    return rounds.round(pool, roundId).map(found -> found.orElseThrow(() -> ApiException.notFound("验收")))
        .compose(round -> postingRepository.findById(pool, round.postingId()).map(Optional::orElseThrow)
            .compose(posting -> load(pool, posting, round)));
  }

  private Future<Context> load(SqlClient db, Posting posting, AcceptanceRound round) {
    return rounds.panel(db, round.id()).compose(panel -> rounds.scores(db, round.id())
        .compose(scores -> rounds.consortium(db, posting.id())
            .map(consortium -> new Context(posting, round, panel, scores, consortium))));
  }

  private static PanelVerdict verdict(Context c) {
    Set<Long> counted = c.panel().stream().filter(m -> !m.recused()).map(PanelMember::userId)
        .collect(Collectors.toSet());
    return PanelVerdict.of(Requirements.of(c.posting()),
        c.scores().stream().filter(s -> counted.contains(s.userId())).toList());
  }

  private static Future<Context> issuer(CurrentUser user, Context c, String refusal) {
    return viewer(Optional.of(user), c) == Viewer.ISSUER ? Future.succeededFuture(c)
        : Future.failedFuture(ApiException.forbidden(refusal));
  }

  private static Future<Context> activeMember(CurrentUser user, Context c, String notMember, String recused) {
    Optional<PanelMember> me = c.panel().stream().filter(m -> m.userId() == user.id()).findFirst();
    if (me.isEmpty()) {
      return Future.failedFuture(ApiException.forbidden(notMember));
    }
    return me.get().recused() ? Future.failedFuture(ApiException.forbidden(recused)) : Future.succeededFuture(c);
  }

  private static Future<Void> open(Context c) {
    return c.round().open() && PostingStatus.ACCEPTANCE.equals(c.posting().status()) ? Future.succeededFuture()
        : Future.failedFuture(ApiException.conflict("本轮验收已作出结论，不能再进行此操作"));
  }

  private static Viewer viewer(Optional<CurrentUser> user, Context c) {
    if (user.isEmpty()) {
      return Viewer.PUBLIC;
    }
    CurrentUser u = user.get();
    if (u.isAdmin() || u.belongsTo(c.posting().organizationId())) {
      return Viewer.ISSUER;
    }
    if (c.panel().stream().anyMatch(m -> m.userId() == u.id())) {
      return Viewer.MEMBER;
    }
    return u.organizationId() != null && c.consortium().contains(u.organizationId()) ? Viewer.CONSORTIUM : Viewer.PUBLIC;
  }

  private static JsonObject view(Context c, Optional<CurrentUser> user) {
    Viewer viewer = viewer(user, c);
    AcceptanceRound round = c.round();
    List<PanelMember> active = c.panel().stream().filter(m -> !m.recused()).toList();
    JsonObject json = new JsonObject()
        .put("id", round.id()).put("postingId", round.postingId()).put("postingTitle", c.posting().title())
        .put("roundNo", round.roundNo()).put("status", round.status()).put("outcome", round.outcome())
        .put("outcomeLabel", round.outcome() == null ? null : PostingStatus.label("challenge", round.outcome()))
        .put("openedAt", round.openedAt().toString())
        .put("concludedAt", round.concludedAt() == null ? null : round.concludedAt().toString())
        .put("requirements", new JsonArray(Requirements.of(c.posting())))
        .put("rule", PanelVerdict.RULE)
        .put("panelSize", active.size())
        .put("scoredCount", active.stream().filter(PanelMember::scored).count())
        .put("viewer", viewer.name().toLowerCase());
    boolean open = round.open() && PostingStatus.ACCEPTANCE.equals(c.posting().status());
    boolean findingsVisible = !round.open()
        && (PostingStatus.ACCEPTED.equals(round.outcome()) || viewer != Viewer.PUBLIC);
    if (findingsVisible && round.findings() != null) {
      json.put("findings", round.findings().toJson()).put("summary", round.summary());
    }
    if (viewer == Viewer.ISSUER) {
      JsonArray panel = new JsonArray();
      c.panel().forEach(m -> panel.add(m.toJson()));
      json.put("panel", panel).put("canAppoint", open && active.size() < MAX_PANEL);
      boolean complete = active.size() >= MIN_PANEL && active.stream().allMatch(PanelMember::scored);
      json.put("complete", complete).put("canConclude", open && complete);
      if (open && complete) {
        json.put("verdict", verdict(c).toJson());
      }
    }
    // the issuer's own staff may sit on the panel: they see both parts
    Optional<PanelMember> onPanel = user.flatMap(u -> c.panel().stream().filter(m -> m.userId() == u.id()).findFirst());
    json.put("isMember", onPanel.isPresent());
    if (onPanel.isPresent()) {
      long me = user.orElseThrow().id();
      PanelMember member = onPanel.get();
      JsonArray mine = new JsonArray();
      c.scores().stream().filter(s -> s.userId() == me).forEach(s -> mine.add(new JsonObject()
          .put("requirement", s.requirement()).put("verdict", s.verdict()).put("comment", s.comment())));
      json.put("myScores", mine).put("recused", member.recused()).put("recusalReason", member.recusalReason())
          .put("canScore", open && !member.recused());
    }
    json.put("timeline", timeline(c, viewer));
    return json;
  }

  /** The round's steps; the public sees the opening, the panel's size and the conclusion, the issuer every step. */
  private static JsonArray timeline(Context c, Viewer viewer) {
    List<JsonObject> items = new ArrayList<>();
    items.add(event(c.round().openedAt(), "opened", null));
    for (PanelMember m : c.panel()) {
      String who = viewer == Viewer.ISSUER ? m.displayName() : null;
      items.add(event(m.appointedAt(), "appointed", who));
      if (m.recused()) {
        items.add(event(m.recusedAt(), "recused", who));
      }
      if (m.scored() && viewer == Viewer.ISSUER) {
        items.add(event(m.scoredAt(), "scored", who));
      }
    }
    if (c.round().concludedAt() != null) {
      items.add(event(c.round().concludedAt(), "concluded", c.round().outcome()));
    }
    items.sort(Comparator.comparing(o -> Instant.parse(o.getString("at"))));
    return new JsonArray(items);
  }

  private static JsonObject event(OffsetDateTime at, String event, String detail) {
    return new JsonObject().put("at", at.toInstant().toString()).put("event", event).put("detail", detail);
  }
}
