package cn.qdaipark.scenariohub.matching;

import cn.qdaipark.scenariohub.index.Embedder;
import cn.qdaipark.scenariohub.index.PostingDoc;
import cn.qdaipark.scenariohub.index.ScenarioIndex;
import cn.qdaipark.scenariohub.index.SolutionDoc;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingRepository;
import cn.qdaipark.scenariohub.solution.Solution;
import cn.qdaipark.scenariohub.solution.SolutionRepository;
import cn.qdaipark.scenariohub.alert.NotificationRepository;
import cn.qdaipark.scenariohub.alert.SavedSearchAlerts;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance's Lucene replica in step with PostgreSQL by following the outbox: woken by
 * LISTEN/NOTIFY, polled as a safety net, applying changes on one writer thread and committing the outbox
 * position into the index. Rebuilds from PostgreSQL when the index is missing, corrupt, of an older schema,
 * or older than what the outbox still holds.
 */
public final class IndexSync {
  private static final Logger log = LoggerFactory.getLogger(IndexSync.class);
  /**
   * Outbox entries applied per index commit: a bulk import of 10,000 spends a third of its applying in commits at 500
   * a batch (each flushes a segment and opens new readers).
   */
  private static final int BATCH = 2000;
  private static final int REBUILD_PAGE = 200;
  private static final long POLL_MILLIS = 1000;
  private static final long PRUNE_MILLIS = 60_000;
  private static final int LIVE_REPLICA_SECONDS = 600;
  /** Failures in a row, or time failing, after which the sync counts as failing (readiness 503). */
  private static final int FAILING_AFTER_FAILURES = 3;
  private static final long FAILING_AFTER_MILLIS = 10_000;
  /** Wait between attempts to heal when one failed (PostgreSQL down meanwhile, the disk still unwritable). */
  private static final long HEAL_RETRY_MILLIS = 5_000;

  private final Vertx vertx;
  private final Pool pool;
  private final PgConnectOptions connectOptions;
  private final ScenarioIndex index;
  private final Embedder embedder;
  private final WorkerExecutor writer;
  private final WorkerExecutor compaction;
  private final String instanceId;
  private final IndexFeedRepository feed = new IndexFeedRepository();
  private final SolutionRepository solutions;
  private final PostingRepository postings;
  private final StandingMatches standingMatches;
  private final SavedSearchAlerts savedSearchAlerts;
  private final IndexStatus status;
  private final AppliedWaiters waiters;
  /** The waiters' ticket of the running drain, taken before its first read. */
  private long drainTicket;
  private final AtomicBoolean draining = new AtomicBoolean();
  private final CompactionPolicy compactionPolicy;
  private final AtomicLong changesSinceCompaction = new AtomicLong();
  /** The timer that starts a merge once the outbox is quiet, or -1. */
  private final AtomicLong compactionTimer = new AtomicLong(-1);
  private final AtomicBoolean compacting = new AtomicBoolean();
  private final AtomicBoolean drainRequested = new AtomicBoolean();
  private final long healAfterMillis;
  // Touched only by the one drain or heal running at a time (the draining flag orders them).
  private int consecutiveFailures;
  private long failingSince = -1;
  private boolean healPending;
  private long nextHealAt;
  private OutboxCursor cursor;
  /** Entries beyond a hole already applied; the hole's own entry, once it arrives, is applied then. */
  private final NavigableSet<Long> appliedBeyondCursor = new TreeSet<>();
  private PgSubscriber subscriber;
  private long pollTimer = -1;
  private long pruneTimer = -1;

  public IndexSync(Vertx vertx, Pool pool, PgConnectOptions connectOptions, ScenarioIndex index, Embedder embedder,
                   WorkerExecutor writer, String instanceId, IndexStatus status, SolutionRepository solutions,
                   PostingRepository postings, NotificationRepository notifications, WorkerExecutor readers, Clock clock,
                   SavedSearchAlerts savedSearchAlerts, long healAfterMillis, CompactionPolicy compactionPolicy) {
    // Standing matches only read the index: on the reader pool they never hold up the writer (after a rebuild
    // there is one match per open posting).
    this.standingMatches = new StandingMatches(pool, index, readers, postings, notifications, clock);
    this.savedSearchAlerts = savedSearchAlerts;
    this.solutions = solutions;
    this.postings = postings;
    this.vertx = vertx;
    this.pool = pool;
    this.connectOptions = connectOptions;
    this.index = index;
    this.embedder = embedder;
    this.writer = writer;
    // Not closed by stop(): closing interrupts its thread, and an interrupt can fail the IndexWriter for good;
    // closing the index aborts a running merge instead, and Vert.x closes the executor with itself.
    this.compaction = vertx.createSharedWorkerExecutor("index-compaction", 1, 10, TimeUnit.MINUTES);
    this.instanceId = instanceId;
    this.status = status;
    this.waiters = new AppliedWaiters(vertx, status);
    this.healAfterMillis = healAfterMillis;
    this.compactionPolicy = compactionPolicy;
  }

  /** Resumes from the committed outbox position, or rebuilds first when needed; then follows the outbox. */
  public Future<Void> start() {
    return catchUp()
        .compose(done -> follow())
        .onSuccess(done -> requestDrain());
  }

  /** Resumes from the index's committed outbox position, or rebuilds it from PostgreSQL when it cannot. */
  private Future<Void> catchUp() {
    return writer.executeBlocking(() -> new long[] {index.needsRebuild() ? 1 : 0, index.lastAppliedOutboxId()}, true)
        .compose(state -> feed.prunedUpto(pool).compose(pruned -> {
          boolean rebuild = state[0] == 1 || state[1] < pruned;
          if (rebuild) {
            log.info("index needs a rebuild ({}), building it from PostgreSQL", state[0] == 1
                ? "missing, corrupt or older schema" : "outbox pruned past its position " + state[1]);
            // Following the outbox starts once the rebuilt index answers; merging it goes on beside.
            return rebuildFromDatabase().onSuccess(done -> compact());
          }
          cursor = new OutboxCursor(state[1]);
          appliedBeyondCursor.clear();
          status.ready(state[1]);
          log.info("index resumes from outbox position {}", state[1]);
          return Future.succeededFuture();
        }));
  }

  /**
   * Rebuilds the whole index from PostgreSQL, with progress in the log, and merges it into one segment per side;
   * searches answer 503 until the rebuilt index is committed.
   */
  public Future<Void> rebuild() {
    return rebuildFromDatabase().compose(done -> compact());
  }

  private Future<Void> rebuildFromDatabase() {
    status.rebuilding();
    List<StandingMatches.Published> rebuilt = new ArrayList<>();
    return pool.withTransaction(tx -> tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").execute()
            .compose(ok -> feed.outboxIds(tx).compose(ids -> feed.prunedUpto(tx).map(pruned -> startPosition(ids, pruned))))
            .compose(position -> feed.counts(tx)
                .compose(counts -> writer.executeBlocking(() -> {
                  index.deleteAll();
                  return null;
                }, true)
                    .compose(done -> copySolutions(tx, 0, 0, counts[0]))
                    .compose(done -> copyPostings(tx, 0, 0, counts[1], rebuilt)))
                .map(position)))
        .compose(position -> writer.executeBlocking(() -> {
          index.commit(position);
          log.info("index rebuilt: {} solutions, {} postings, outbox position {}", index.solutionCount(),
              index.postingCount(), position);
          return position;
        }, true))
        .onSuccess(position -> {
          cursor = new OutboxCursor(position);
          appliedBeyondCursor.clear();
          status.ready(position);
          // Open postings nobody has been told about yet (a first start, a new replica): notifications are
          // written once per person and posting, so replicas rebuilding later add nothing. Saved searches are
          // not run here: a rebuild makes nothing newly public.
          standingMatches.notifyFor(rebuilt)
              .onFailure(e -> log.warn("standing-match notifications after the rebuild failed: {}", e.toString()));
        })
        .onFailure(e -> {
          status.failed(e);
          log.error("index rebuild failed", e);
        })
        .mapEmpty();
  }

  /**
   * Starts the quiet period after which the index merges into one segment per side once enough changes were applied
   * since the last merge (see {@link CompactionPolicy}), or starts it again when a drain {@code applied} more; a merge
   * running already is let finish first.
   */
  private void compactWhenQuiet(boolean applied) {
    if (changesSinceCompaction.get() < compactionPolicy.afterChanges() || (!applied && compactionTimer.get() >= 0)) {
      return;
    }
    long timer = vertx.setTimer(Math.max(1, compactionPolicy.quietMillis()), id -> {
      if (!compactionTimer.compareAndSet(id, -1) || !compacting.compareAndSet(false, true)) {
        return;
      }
      changesSinceCompaction.set(0);
      compact().onComplete(done -> {
        compacting.set(false);
        compactWhenQuiet(false);
      });
    });
    long previous = compactionTimer.getAndSet(timer);
    if (previous >= 0) {
      vertx.cancelTimer(previous);
    }
  }

  /**
   * Merges the rebuilt index into one segment per side while it answers and takes changes (about a minute at
   * 100,000 solutions, nothing to do at a few thousand): a large rebuild leaves several segments, each with a k-NN
   * graph every match searches. A failure (the server stopping meanwhile, which aborts the merge) leaves the index
   * as it was.
   */
  private Future<Void> compact() {
    return compaction.executeBlocking(() -> {
      long start = System.nanoTime();
      index.compact();
      return (System.nanoTime() - start) / 1_000_000;
    }, false).compose(millis -> writer.executeBlocking(() -> {
      // On the writer thread, with the outbox id already committed: changes applied since but not yet committed
      // are at worst applied again after a crash. Not during a rebuild, whose half-built index must never be
      // committed under an old id.
      if (status.isReady()) {
        index.commit(index.lastAppliedOutboxId());
      }
      log.info("index merged into one segment per side in {} ms, {} segments now", millis, index.segmentCount());
      return null;
    }, true)).<Void>mapEmpty().recover(e -> {
      log.warn("merging the rebuilt index failed, it stays in several segments: {}", e.toString());
      return Future.succeededFuture();
    });
  }

  /**
   * The last outbox id before the first hole, counted from what was pruned: ids the rebuild's snapshot cannot see
   * may still be committing, also those below the first id it sees (a transaction holding one keeps pruning below it).
   */
  private static long startPosition(List<Long> ids, long prunedUpto) {
    long position = prunedUpto;
    for (long id : ids) {
      if (id != position + 1) {
        break;
      }
      position = id;
    }
    return position;
  }

  private Future<Void> copySolutions(SqlClient tx, long afterId, long done, long total) {
    return solutions.listAfter(tx, afterId, REBUILD_PAGE).compose(page -> page.isEmpty() ? Future.succeededFuture()
        : feed.solutionVectors(tx, page.stream().map(Solution::id).toList()).compose(vectors -> writer.executeBlocking(() -> {
          index.upsertSolutions(page.stream().map(IndexDocuments::of).toList(),
              s -> vectorOf(vectors, s.id(), s.matchText()));
          return null;
        }, true)).compose(ok -> {
          long now = done + page.size();
          log.info("index rebuild: {}/{} solutions", now, total);
          return copySolutions(tx, page.get(page.size() - 1).id(), now, total);
        }));
  }

  private Future<Void> copyPostings(SqlClient tx, long afterId, long done, long total,
                                   List<StandingMatches.Published> rebuilt) {
    return postings.listAfter(tx, afterId, REBUILD_PAGE).compose(page -> page.isEmpty() ? Future.succeededFuture()
        : feed.postingVectors(tx, page.stream().map(Posting::id).toList()).compose(vectors -> writer.executeBlocking(() -> {
          page.stream().map(IndexDocuments::of).forEach(p -> {
            float[] vector = vectorOf(vectors, p.id(), p.matchText());
            index.upsertPosting(p, vector);
            rebuilt.add(new StandingMatches.Published(p, vector));
          });
          return null;
        }, true)).compose(ok -> {
          long now = done + page.size();
          log.info("index rebuild: {}/{} postings", now, total);
          return copyPostings(tx, page.get(page.size() - 1).id(), now, total, rebuilt);
        }));
  }

  private Future<Void> follow() {
    pollTimer = vertx.setPeriodic(POLL_MILLIS, t -> requestDrain());
    pruneTimer = vertx.setPeriodic(PRUNE_MILLIS, t -> prune());
    subscriber = PgSubscriber.subscriber(vertx, connectOptions).reconnectPolicy(retries -> 1000L);
    subscriber.channel("outbox").handler(payload -> requestDrain());
    return subscriber.connect()
        .recover(e -> {
          log.warn("LISTEN outbox failed ({}); relying on polling", e.toString());
          return Future.succeededFuture();
        });
  }

  /**
   * Starts a drain (or the pending heal), or asks the running one to go round again, so changes are never missed
   * nor applied in parallel.
   */
  public void requestDrain() {
    drainRequested.set(true);
    if (cursor == null || !draining.compareAndSet(false, true)) {
      return;
    }
    if (healPending && System.currentTimeMillis() < nextHealAt) {
      draining.set(false);
      return;
    }
    drainRequested.set(false);
    long changesBefore = changesSinceCompaction.get();
    Future<Void> work = healPending ? heal() : drainAll().andThen(done -> {
      if (done.succeeded()) {
        drained();
        compactWhenQuiet(changesSinceCompaction.get() != changesBefore);
      } else {
        drainFailed(done.cause());
      }
    });
    work.onComplete(done -> {
      draining.set(false);
      if (drainRequested.get() || healPending) {
        requestDrain();
      }
    });
  }

  private void drained() {
    if (failingSince >= 0) {
      log.info("applying the outbox works again after {} failures in {} ms", consecutiveFailures,
          System.currentTimeMillis() - failingSince);
      if (status.isFailing()) {
        status.ready(cursor.position());
      }
    }
    consecutiveFailures = 0;
    failingSince = -1;
  }

  /**
   * Counts a failed drain; logged when it starts failing, when it counts as failing and when it heals rather than at
   * every attempt. Heals when the index itself keeps failing.
   */
  private void drainFailed(Throwable cause) {
    long now = System.currentTimeMillis();
    status.applyFailed();
    consecutiveFailures++;
    if (failingSince < 0) {
      failingSince = now;
      log.warn("applying the outbox failed, retrying: {}", describe(cause));
    } else {
      log.debug("applying the outbox failed again ({} in a row): {}", consecutiveFailures, describe(cause));
    }
    long failingFor = now - failingSince;
    if (status.isReady() && (consecutiveFailures >= FAILING_AFTER_FAILURES || failingFor >= FAILING_AFTER_MILLIS)) {
      String reason = "applying the outbox failed " + consecutiveFailures + " times in a row: " + describe(cause);
      status.failing(reason);
      log.error("index sync failing, this instance reports not ready: {}", reason, cause);
    }
    if (status.isFailing() && cause instanceof IndexWriteException && failingFor >= healAfterMillis) {
      healPending = true;
    }
  }

  /**
   * Reopens the index, which answers 503 index_rebuilding meanwhile, and resumes from its last commit or, when that
   * is gone or unreadable, rebuilds it from PostgreSQL: for an index that cannot be written any more (its directory
   * deleted, a writer closed by a failed flush). Runs in place of a drain.
   */
  private Future<Void> heal() {
    healPending = false;
    status.healing();
    log.warn("index heals: reopening it after {} failures in {} ms", consecutiveFailures,
        System.currentTimeMillis() - failingSince);
    return writer.executeBlocking(() -> {
      index.reopen();
      return null;
    }, true).compose(done -> catchUp()).andThen(done -> {
      if (done.succeeded()) {
        log.info("index healed at outbox position {}", cursor.position());
        consecutiveFailures = 0;
        failingSince = -1;
      } else {
        status.failed(done.cause());
        healPending = true;
        nextHealAt = System.currentTimeMillis() + HEAL_RETRY_MILLIS;
        log.error("healing the index failed, retrying in {} ms: {}", HEAL_RETRY_MILLIS, done.cause().toString());
      }
    });
  }

  /** The first cause: a writer closed by a failed flush reports only that it is closed, with the failure as cause. */
  private static String describe(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return (cause instanceof IndexWriteException ? "index: " : "") + root;
  }

  /** A failure of the index itself (not of PostgreSQL), which reopening or rebuilding the index can cure. */
  private static final class IndexWriteException extends RuntimeException {
    IndexWriteException(Throwable cause) {
      super(cause.toString(), cause);
    }
  }

  /** Runs on the writer thread, marking a failure as the index's own. */
  private <T> Future<T> onWriter(Callable<T> work) {
    return writer.executeBlocking(work, true).recover(e -> Future.failedFuture(new IndexWriteException(e)));
  }

  private Future<Void> drainAll() {
    drainTicket = waiters.ticket();
    DrainTimes times = new DrainTimes();
    return drainAll(cursor.position(), times).onSuccess(done -> times.logIfLarge(log));
  }

  private Future<Void> drainAll(long readFrom, DrainTimes times) {
    return drainBatch(readFrom, times).compose(next -> next < 0 ? Future.succeededFuture() : drainAll(next, times));
  }

  /**
   * Applies one batch of the outbox entries after {@code readFrom}; answers where the next batch is read from, or -1
   * when there are no more. A full batch that a hole holds the cursor in is followed by the batches after it: what
   * committed beyond the hole is searchable at once, however much it is.
   */
  private Future<Long> drainBatch(long readFrom, DrainTimes times) {
    long from = cursor.position();
    boolean beyondHole = readFrom > from;
    return feed.outboxAfter(pool, readFrom, BATCH).compose(batch -> {
      List<IndexFeedRepository.OutboxEntry> entries = batch.entries();
      if (entries.isEmpty()) {
        return Future.succeededFuture(-1L);
      }
      List<IndexFeedRepository.OutboxEntry> fresh = entries.stream().filter(e -> !appliedBeyondCursor.contains(e.id())).toList();
      long position = beyondHole ? from
          : cursor.next(entries.stream().map(IndexFeedRepository.OutboxEntry::id).toList(), batch.snapshotXmin());
      long newest = entries.get(entries.size() - 1).id();
      status.seen(newest);
      Future<Void> bounded = !beyondHole && cursor.wantsBound() ? feed.currentXid(pool).map(xid -> {
        cursor.bound(xid);
        return null;
      }) : Future.succeededFuture();
      changesSinceCompaction.addAndGet(fresh.size());
      times.applied(fresh.size());
      return bounded.compose(ok -> apply(fresh, times))
          .compose(written -> onWriter(() -> {
            index.commit(position);
            return written;
          }))
          .onSuccess(written -> times.lap(DrainTimes.Phase.COMMIT))
          .compose(written -> {
            // Notifying runs beside the follower: a batch of many new postings must not delay the next batch.
            standingMatches.notifyFor(written.postings())
                .onFailure(e -> log.warn("standing-match notifications failed: {}", e.toString()));
            savedSearchAlerts.notifyFor(written.postings().stream().map(StandingMatches.Published::posting).toList(),
                    written.solutions())
                .onFailure(e -> log.warn("saved-search notifications failed: {}", e.toString()));
            return Future.succeededFuture();
          })
          .compose(done -> {
            cursor.moveTo(position);
            entries.forEach(e -> appliedBeyondCursor.add(e.id()));
            appliedBeyondCursor.headSet(position, true).clear();
            status.applied(position);
            waiters.applied(position);
            waiters.applied(newest, drainTicket);
            return feed.report(pool, instanceId, position);
          })
          .onSuccess(done -> times.lap(DrainTimes.Phase.REPORT))
          .map(done -> entries.size() < BATCH ? -1L : position > from ? position : newest);
    });
  }

  /** What a batch wrote: the postings with their vectors (for the standing matches) and the solutions. */
  private record Written(List<StandingMatches.Published> postings, List<SolutionDoc> solutions) {
  }

  /** Applies the entries; answers what was written, for the standing matches and saved searches. */
  private Future<Written> apply(List<IndexFeedRepository.OutboxEntry> entries, DrainTimes times) {
    if (entries.isEmpty()) {
      return Future.succeededFuture(new Written(List.of(), List.of()));
    }
    Set<Long> solutionIds = new HashSet<>();
    Set<Long> postingIds = new HashSet<>();
    List<Long> orgIds = new ArrayList<>();
    for (IndexFeedRepository.OutboxEntry e : entries) {
      switch (e.entity()) {
        case "solution" -> solutionIds.add(e.entityId());
        case "posting" -> postingIds.add(e.entityId());
        default -> orgIds.add(e.entityId());
      }
    }
    Future<Void> expanded = orgIds.isEmpty() ? Future.succeededFuture()
        : feed.solutionIdsOf(pool, orgIds).compose(ids -> {
          solutionIds.addAll(ids);
          return feed.postingIdsOf(pool, orgIds);
        }).map(ids -> {
          postingIds.addAll(ids);
          return null;
        });
    return expanded
        .compose(done -> Future.all(solutions.findByIds(pool, solutionIds), feed.solutionVectors(pool, solutionIds),
            postings.findByIds(pool, postingIds), feed.postingVectors(pool, postingIds)))
        .onSuccess(loaded -> times.lap(DrainTimes.Phase.READ))
        .compose(loaded -> onWriter(() -> {
          List<Solution> foundSolutions = loaded.resultAt(0);
          List<Posting> foundPostings = loaded.resultAt(2);
          return write(solutionIds, foundSolutions.stream().map(IndexDocuments::of).toList(), loaded.resultAt(1),
              postingIds, foundPostings.stream().map(IndexDocuments::of).toList(), loaded.resultAt(3));
        }))
        .onSuccess(written -> times.lap(DrainTimes.Phase.WRITE));
  }

  /** The stored vector, or (for records written before vectors were stored) one computed now. */
  private float[] vectorOf(Map<Long, float[]> stored, long id, String text) {
    float[] vector = stored.get(id);
    return vector != null ? vector : embedder.embed(text);
  }

  /** Upserts what still exists and deletes what is gone; runs on the writer thread. */
  private Written write(Set<Long> solutionIds, List<SolutionDoc> solutionDocs,
      Map<Long, float[]> solutionVectors, Set<Long> postingIds, List<PostingDoc> postingDocs,
      Map<Long, float[]> postingVectors) {
    Set<Long> goneSolutions = new HashSet<>(solutionIds);
    solutionDocs.forEach(s -> goneSolutions.remove(s.id()));
    index.upsertSolutions(solutionDocs, s -> vectorOf(solutionVectors, s.id(), s.matchText()));
    goneSolutions.forEach(index::deleteSolution);
    Set<Long> gonePostings = new HashSet<>(postingIds);
    Map<Long, float[]> vectors = new ConcurrentHashMap<>();
    postingDocs.forEach(p -> gonePostings.remove(p.id()));
    index.upsertPostings(postingDocs,
        p -> vectors.computeIfAbsent(p.id(), id -> vectorOf(postingVectors, id, p.matchText())));
    gonePostings.forEach(index::deletePosting);
    List<StandingMatches.Published> published = postingDocs.stream()
        .map(p -> new StandingMatches.Published(p, vectors.get(p.id()))).toList();
    return new Written(published, solutionDocs);
  }

  private void prune() {
    feed.prune(pool, LIVE_REPLICA_SECONDS)
        .onSuccess(n -> {
          if (n > 0) {
            log.info("pruned {} outbox rows applied by every live replica", n);
          }
        })
        .onFailure(e -> log.warn("outbox pruning failed: {}", e.toString()));
  }

  /** Stops following and commits the index; call before closing the index. */
  public Future<Void> stop() {
    vertx.cancelTimer(pollTimer);
    vertx.cancelTimer(pruneTimer);
    Promise<Void> stopped = Promise.promise();
    Future<Void> closeSubscriber = subscriber == null ? Future.succeededFuture() : subscriber.close();
    closeSubscriber.onComplete(done -> writer.executeBlocking(() -> {
      if (cursor != null && status.isReady()) {
        index.commit(cursor.position());
      }
      return null;
    }, true).onComplete(ignored -> stopped.complete()));
    return stopped.future();
  }

  /**
   * Completes once a search on this replica finds what the outbox entry {@code outboxId} changed, or after
   * {@code maxMillis} at the latest; at once while the index is not following the outbox yet.
   */
  public Future<Void> applied(long outboxId, long maxMillis) {
    return waiters.upTo(outboxId, maxMillis);
  }

  /** Prunes now instead of waiting for the timer. */
  public Future<Long> pruneNow() {
    return feed.prune(pool, LIVE_REPLICA_SECONDS);
  }
}
