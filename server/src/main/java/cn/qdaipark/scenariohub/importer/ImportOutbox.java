package cn.qdaipark.scenariohub.importer;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/** The last outbox entry an import's transaction wrote, which the index must have applied for it to be searchable. */
final class ImportOutbox {
  private static final String LAST = "SELECT currval(pg_get_serial_sequence('outbox', 'id')) AS id";

  private ImportOutbox() {
  }

  /** Only after the transaction wrote a record (its triggers drew the ids from the sequence). */
  static Future<Long> last(SqlClient db) {
    return db.preparedQuery(LAST).execute().map(rows -> rows.iterator().next().getLong("id"));
  }
}
