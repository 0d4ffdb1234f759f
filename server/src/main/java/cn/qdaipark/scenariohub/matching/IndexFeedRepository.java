package cn.qdaipark.scenariohub.matching;

import cn.qdaipark.scenariohub.embedding.TextEmbeddings;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The outbox as the index replicas read it, their reported progress, and pruning. */
final class IndexFeedRepository {
  private static final String OUTBOX_AFTER = "SELECT id, entity, entity_id, txid_snapshot_xmin(txid_current_snapshot()) "
      + "AS xmin FROM outbox WHERE id > $1 ORDER BY id LIMIT $2";
  private static final String CURRENT_XID = "SELECT txid_current()";
  private static final String OUTBOX_IDS = "SELECT id FROM outbox ORDER BY id";
  private static final String ORG_SOLUTIONS = "SELECT id FROM solutions WHERE organization_id = ANY($1)";
  private static final String ORG_POSTINGS = "SELECT id FROM postings WHERE organization_id = ANY($1)";
  private static final String SOLUTION_VECTORS = "SELECT id, embedding FROM solutions WHERE id = ANY($1)";
  private static final String POSTING_VECTORS = "SELECT id, embedding FROM postings WHERE id = ANY($1)";
  private static final String COUNTS = "SELECT (SELECT count(*) FROM solutions) AS s, (SELECT count(*) FROM postings) AS p";
  private static final String REPORT = "INSERT INTO index_replicas (instance_id, last_applied, seen_at) VALUES ($1, $2, now()) "
      + "ON CONFLICT (instance_id) DO UPDATE SET last_applied = EXCLUDED.last_applied, seen_at = now()";
  private static final String PRUNED_UPTO = "SELECT pruned_upto FROM outbox_pruned";
  private static final String PRUNE = "WITH horizon AS (SELECT min(last_applied) AS upto FROM index_replicas "
      + "WHERE seen_at > now() - make_interval(secs => $1)), "
      + "gone AS (DELETE FROM outbox WHERE id <= (SELECT upto FROM horizon) RETURNING id) "
      + "UPDATE outbox_pruned SET pruned_upto = GREATEST(pruned_upto, COALESCE((SELECT max(id) FROM gone), 0)) "
      + "RETURNING (SELECT count(*) FROM gone) AS pruned";

  record OutboxBatch(List<OutboxEntry> entries, long snapshotXmin) {
  }

  record OutboxEntry(long id, String entity, long entityId) {
  }

  /** The entries after {@code after}, with the xmin of the snapshot they were read in (0 when there are no entries). */
  Future<OutboxBatch> outboxAfter(SqlClient db, long after, int limit) {
    return db.preparedQuery(OUTBOX_AFTER).execute(Tuple.of(after, limit)).map(rows -> {
      List<OutboxEntry> entries = new ArrayList<>();
      long xmin = 0;
      for (Row r : rows) {
        entries.add(new OutboxEntry(r.getLong("id"), r.getString("entity"), r.getLong("entity_id")));
        xmin = r.getLong("xmin");
      }
      return new OutboxBatch(entries, xmin);
    });
  }

  /** A new xid, above every xid handed out before this call (it costs one xid and a commit record). */
  Future<Long> currentXid(SqlClient db) {
    return db.query(CURRENT_XID).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  Future<List<Long>> outboxIds(SqlClient db) {
    return db.query(OUTBOX_IDS).execute().map(IndexFeedRepository::longs);
  }

  Future<List<Long>> solutionIdsOf(SqlClient db, Collection<Long> orgIds) {
    return db.preparedQuery(ORG_SOLUTIONS).execute(Tuple.of(orgIds.toArray(Long[]::new))).map(IndexFeedRepository::longs);
  }

  Future<List<Long>> postingIdsOf(SqlClient db, Collection<Long> orgIds) {
    return db.preparedQuery(ORG_POSTINGS).execute(Tuple.of(orgIds.toArray(Long[]::new))).map(IndexFeedRepository::longs);
  }

  /** The stored vectors of these solutions; ids without one are absent from the map. */
  Future<Map<Long, float[]>> solutionVectors(SqlClient db, Collection<Long> ids) {
    return vectors(db, SOLUTION_VECTORS, ids);
  }

  Future<Map<Long, float[]>> postingVectors(SqlClient db, Collection<Long> ids) {
    return vectors(db, POSTING_VECTORS, ids);
  }

  private static Future<Map<Long, float[]>> vectors(SqlClient db, String sql, Collection<Long> ids) {
    return db.preparedQuery(sql).execute(Tuple.of(ids.toArray(Long[]::new))).map(rows -> {
      Map<Long, float[]> vectors = new HashMap<>();
      for (Row r : rows) {
        Float[] v = r.getArrayOfFloats("embedding");
        if (v != null) {
          vectors.put(r.getLong("id"), TextEmbeddings.unboxed(v));
        }
      }
      return vectors;
    });
  }

  Future<long[]> counts(SqlClient db) {
    return db.query(COUNTS).execute().map(rows -> {
      Row r = rows.iterator().next();
      return new long[] {r.getLong("s"), r.getLong("p")};
    });
  }

  Future<Void> report(SqlClient db, String instanceId, long lastApplied) {
    return db.preparedQuery(REPORT).execute(Tuple.of(instanceId, lastApplied)).mapEmpty();
  }

  Future<Long> prunedUpto(SqlClient db) {
    return db.query(PRUNED_UPTO).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  /** Deletes outbox rows every replica seen within {@code liveSeconds} has applied; returns how many. */
  Future<Long> prune(SqlClient db, int liveSeconds) {
    return db.preparedQuery(PRUNE).execute(Tuple.of(liveSeconds)).map(rows -> rows.iterator().next().getLong(0));
  }

  private static List<Long> longs(Iterable<Row> rows) {
    List<Long> ids = new ArrayList<>();
    rows.forEach(r -> ids.add(r.getLong(0)));
    return ids;
  }
}
