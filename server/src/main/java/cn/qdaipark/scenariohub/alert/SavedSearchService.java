package cn.qdaipark.scenariohub.alert;

import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.InTransaction;
import cn.qdaipark.scenariohub.index.SavedSearchMonitor;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saved searches, kept in PostgreSQL and mirrored in this instance's {@link SavedSearchMonitor}. A save or delete
 * updates the monitor of the instance that served it at once; other replicas notice on their next
 * {@link #reloadIfChanged()} (a timer in App), and since every replica matches every new record, the first one
 * that knows the search notifies.
 */
public final class SavedSearchService {
  private static final Logger log = LoggerFactory.getLogger(SavedSearchService.class);
  public static final int MAX_PER_USER = 20;

  private final Pool pool;
  private final SavedSearchRepository searches = new SavedSearchRepository();
  private final SavedSearchMonitor monitor;
  private final WorkerExecutor workers;
  private final AuditLog audit;
  private final AtomicReference<String> loaded = new AtomicReference<>("");

  public SavedSearchService(Pool pool, SavedSearchMonitor monitor, WorkerExecutor workers, AuditLog audit) {
    this.pool = pool;
    this.monitor = monitor;
    this.workers = workers;
    this.audit = audit;
  }

  public Future<List<SavedSearch>> list(CurrentUser user) {
    return searches.listFor(pool, user.id());
  }

  /** Validation analyses the query text (smartcn), so it runs on a worker like the registration. */
  public Future<SavedSearch> create(CurrentUser user, JsonObject body) {
    return create(user, body, InTransaction.nothing());
  }

  /** As above, running {@code alsoInTransaction} with the new saved search before the transaction commits. */
  public Future<SavedSearch> create(CurrentUser user, JsonObject body, InTransaction<SavedSearch> alsoInTransaction) {
    return workers.executeBlocking(() -> SavedSearchInput.read(body), false)
        .compose(input -> pool.withTransaction(db -> searches.lockAndCount(db, user.id())
            .compose(n -> n >= MAX_PER_USER
                ? Future.failedFuture(ApiException.conflict("最多保存 " + MAX_PER_USER + " 个订阅，请先删除不再需要的"))
                : searches.insert(db, user.id(), input))
            .compose(saved -> audit.record(db, user.id(), "saved_search.create", "saved_search", saved.id(),
                new JsonObject().put("name", saved.name()).put("target", saved.target())).map(saved))
            .compose(saved -> alsoInTransaction.run(db, saved).map(saved))))
        .compose(saved -> workers.executeBlocking(() -> {
          monitor.register(saved.toQuery());
          return saved;
        }, false));
  }

  public Future<Void> delete(CurrentUser user, long id) {
    return pool.withTransaction(db -> searches.delete(db, user.id(), id)
            .compose(found -> found
                ? audit.record(db, user.id(), "saved_search.delete", "saved_search", id, null)
                : Future.failedFuture(ApiException.notFound("订阅"))))
        .onSuccess(done -> monitor.unregister(id));
  }

  /** Loads every saved search into the monitor (at startup). */
  public Future<Void> load() {
    return searches.fingerprint(pool).compose(this::reload);
  }

  /** Reloads the monitor when the saved searches changed elsewhere (another replica served the change). */
  public Future<Void> reloadIfChanged() {
    return searches.fingerprint(pool)
        .compose(f -> f.equals(loaded.get()) ? Future.succeededFuture() : reload(f));
  }

  private Future<Void> reload(String fingerprint) {
    return searches.all(pool)
        .compose(all -> workers.executeBlocking(() -> {
          monitor.replaceAll(all.stream().map(SavedSearch::toQuery).toList());
          loaded.set(fingerprint);
          log.info("saved searches loaded: {}", all.size());
          return null;
        }, false));
  }
}
