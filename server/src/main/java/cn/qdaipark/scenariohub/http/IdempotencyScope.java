package cn.qdaipark.scenariohub.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reservation of one request's Idempotency-Key while its handler runs: renews the lease, then either stores the
 * answer (after the handler, or inside the transaction that creates the record) or releases the key.
 */
final class IdempotencyScope {
  private static final Logger log = LoggerFactory.getLogger(IdempotencyScope.class);
  private static final String KEY = "idempotencyScope";
  private static final long RENEW_EVERY_MS = IdempotencyRepository.LEASE_SECONDS * 1000L / 3;

  private enum State {
    RUNNING,
    /** The answer is written in the creating transaction; it is durable once that commits. */
    STORED_IN_TRANSACTION,
    /** The request was answered 503 by a timeout while its handler may still run and commit. */
    ORPHANED,
    DONE
  }

  private final Vertx vertx;
  private final Pool pool;
  private final IdempotencyRepository keys;
  private final long id;
  private final UUID lease;
  private State state = State.RUNNING;
  private final long renewTimer;

  private IdempotencyScope(Vertx vertx, Pool pool, IdempotencyRepository keys, long id, UUID lease) {
    this.vertx = vertx;
    this.pool = pool;
    this.keys = keys;
    this.id = id;
    this.lease = lease;
    this.renewTimer = vertx.setPeriodic(RENEW_EVERY_MS, tick -> renew());
  }

  static IdempotencyScope attach(RoutingContext ctx, Pool pool, IdempotencyRepository keys, long id, UUID lease) {
    IdempotencyScope scope = new IdempotencyScope(ctx.vertx(), pool, keys, id, lease);
    ctx.put(KEY, scope);
    ctx.addBodyEndHandler(sent -> scope.answeredElsewhere());
    return scope;
  }

  /** The scope of the request, or null when it carries no Idempotency-Key. */
  static IdempotencyScope of(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  /** Stores the answer inside the caller's transaction; fails it when another attempt has taken the key over. */
  Future<Void> storeIn(SqlClient db, StoredResponse answer) {
    if (state != State.RUNNING && state != State.ORPHANED) {
      return Future.succeededFuture();
    }
    return keys.complete(db, id, lease, answer).compose(stored -> {
      if (!stored) {
        return Future.failedFuture(IdempotencyHandler.inProgress());
      }
      state = State.STORED_IN_TRANSACTION;
      return Future.succeededFuture();
    });
  }

  /** Stores the handler's answer before it is sent; a failure to store is logged, the answer still goes out. */
  Future<Void> keep(StoredResponse answer) {
    State was = finish();
    if (was != State.RUNNING && was != State.ORPHANED) {
      return Future.succeededFuture();
    }
    return keys.complete(pool, id, lease, answer)
        .onSuccess(stored -> {
          if (!stored) {
            log.warn("idempotency key {} was taken over before its answer was stored", id);
          }
        })
        .onFailure(e -> log.warn("storing the answer of idempotency key {} failed; a retry may run again", id, e))
        .<Void>mapEmpty()
        .recover(e -> Future.succeededFuture());
  }

  /**
   * The handler failed: nothing was created, so the key is freed for a retry. A request answered 503 by its deadline
   * keeps it: the handler may still commit, and its answer is stored for the retry when it finishes.
   */
  Future<Void> failed(RoutingContext ctx) {
    if (state == State.RUNNING && RequestDeadline.expired(ctx)) {
      state = State.ORPHANED;
      return Future.succeededFuture();
    }
    return state == State.DONE ? Future.succeededFuture() : release();
  }

  /** An answer went out without passing {@link Responses}: it was not stored, so the key is freed. */
  private void answeredElsewhere() {
    if (state == State.RUNNING || state == State.STORED_IN_TRANSACTION) {
      release();
    }
  }

  private Future<Void> release() {
    finish();
    return keys.release(pool, id, lease)
        .onFailure(e -> log.warn("releasing idempotency key {} failed; it frees when its lease lapses", id, e))
        .recover(e -> Future.succeededFuture());
  }

  private State finish() {
    State was = state;
    state = State.DONE;
    vertx.cancelTimer(renewTimer);
    return was;
  }

  private void renew() {
    keys.renew(pool, id, lease)
        .onSuccess(held -> {
          if (!held) {
            vertx.cancelTimer(renewTimer);
          }
        })
        .onFailure(e -> log.warn("renewing idempotency key {} failed", id, e));
  }
}
