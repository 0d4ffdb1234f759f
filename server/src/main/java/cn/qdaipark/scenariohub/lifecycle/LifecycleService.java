package cn.qdaipark.scenariohub.lifecycle;

import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.organization.Organization;
import cn.qdaipark.scenariohub.organization.OrganizationRepository;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingEventRepository;
import cn.qdaipark.scenariohub.posting.PostingLifecycle;
import cn.qdaipark.scenariohub.posting.PostingLifecycle.Actor;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Moves postings along {@link PostingLifecycle}: checks the move and the actor, lets the other features check and
 * react ({@link TransitionHook}), and records every move in the timeline and the audit log.
 */
public final class LifecycleService {
  private final Pool pool;
  private final PostingService postings;
  private final PostingEventRepository events;
  private final OrganizationRepository organizations;
  private final AuditLog audit;
  private final List<TransitionHook> hooks;
  private final Clock clock;

  public LifecycleService(Pool pool, PostingService postings, PostingEventRepository events,
                          OrganizationRepository organizations, AuditLog audit, List<TransitionHook> hooks, Clock clock) {
    this.pool = pool;
    this.postings = postings;
    this.events = events;
    this.organizations = organizations;
    this.audit = audit;
    this.hooks = List.copyOf(hooks);
    this.clock = clock;
  }

  /** A person moves a posting to {@code to}; a call past its deadline is first moved into review by the system. */
  public Future<Posting> transition(CurrentUser user, long id, String to, String note) {
    return postings.get(Optional.of(user), id)
        .compose(posting -> pool.withTransaction(db -> apply(db, posting, to, user, note)))
        .compose(done -> postings.get(Optional.of(user), id));
  }

  /** Moves a posting inside the caller's transaction (used by shortlisting and awarding as well). */
  public Future<Void> apply(SqlClient db, Posting posting, String to, CurrentUser user, String note) {
    String from = posting.status();
    return checkedActor(posting, to, user).compose(actor -> precondition(db, posting, to)
        .compose(ok -> runHooks(hook -> hook.before(db, posting, to)))
        .compose(ok -> events.move(db, posting.id(), from, to))
        .compose(moved -> moved ? Future.<Void>succeededFuture()
            : Future.<Void>failedFuture(ApiException.conflict("状态已被他人变更，请刷新后重试")))
        .compose(ok -> events.record(db, posting.id(), from, to, user.id(), actor, note))
        .compose(ok -> audit.record(db, user.id(), "posting.transition", "posting", posting.id(),
            new JsonObject().put("from", from).put("to", to).put("note", note)))
        .compose(ok -> runHooks(hook -> hook.after(db, posting, to))));
  }

  /** The timeline of a posting, and the moves the caller may make next. */
  public Future<JsonObject> timeline(Optional<CurrentUser> user, long id) {
    return postings.get(user, id).compose(posting -> events.timeline(pool, posting.id()).map(list -> {
      Actor actor = user.map(u -> actorOrNull(u, posting)).orElse(null);
      JsonArray items = new JsonArray();
      list.forEach(e -> items.add(e.toJson(posting.kind(), actor != null)));
      JsonArray next = new JsonArray();
      if (actor != null) {
        PostingLifecycle.next(posting.kind(), posting.status(), actor)
            .forEach(s -> next.add(new JsonObject().put("to", s).put("label", PostingStatus.label(posting.kind(), s))));
      }
      return new JsonObject()
          .put("postingId", posting.id())
          .put("status", posting.status())
          .put("statusLabel", PostingStatus.label(posting.kind(), posting.status()))
          .put("items", items)
          .put("next", next);
    }));
  }

  /** Rules of particular moves that belong to the posting itself. */
  private Future<Void> precondition(SqlClient db, Posting posting, String to) {
    if (!PostingStatus.DRAFT.equals(posting.status()) || !PostingStatus.OPEN.equals(to)) {
      return Future.succeededFuture();
    }
    if (posting.deadline() != null && posting.deadline().isBefore(LocalDate.now(clock))) {
      return Future.failedFuture(ApiException.conflict("截止日期已过，请先修改截止日期再发布"));
    }
    return organizations.findById(db, posting.organizationId()).compose(org -> org.map(Organization::verified).orElse(false)
        ? Future.succeededFuture()
        : Future.failedFuture(ApiException.conflict("发布单位尚未通过平台认证，请通过编辑提交发布，由管理员审核后公开")));
  }

  private Future<Void> runHooks(Function<TransitionHook, Future<Void>> step) {
    Future<Void> chain = Future.succeededFuture();
    for (TransitionHook hook : hooks) {
      chain = chain.compose(ok -> step.apply(hook));
    }
    return chain;
  }

  /** The caller's part in the move, or a failed future when the move does not exist or is not theirs to make. */
  private static Future<Actor> checkedActor(Posting posting, String to, CurrentUser user) {
    Actor actor = actorOrNull(user, posting);
    if (actor == null) {
      return Future.failedFuture(ApiException.forbidden("只有发布单位可以变更榜单或需求的状态"));
    }
    try {
      PostingLifecycle.check(posting.kind(), posting.status(), to, actor);
      return Future.succeededFuture(actor);
    } catch (ApiException refused) {
      return Future.failedFuture(refused);
    }
  }

  private static Actor actorOrNull(CurrentUser user, Posting posting) {
    if (user.isAdmin()) {
      return Actor.ADMIN;
    }
    return user.belongsTo(posting.organizationId()) ? Actor.ISSUER : null;
  }
}
