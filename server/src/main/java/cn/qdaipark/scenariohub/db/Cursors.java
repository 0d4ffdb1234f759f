package cn.qdaipark.scenariohub.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.SqlConnection;
import java.util.function.Function;

/** Reading a large result through one server-side cursor, so memory stays flat however many rows there are. */
public final class Cursors {
  private Cursors() {
  }

  /**
   * Opens a cursor with {@code open} in a read-only transaction (a cursor needs one), hands it to {@code consume}
   * and ends the transaction when the returned future completes.
   */
  public static Future<Void> read(Pool pool, Function<SqlConnection, Future<RowStream<Row>>> open,
                                  Function<RowStream<Row>, Future<Void>> consume) {
    return pool.withTransaction(conn -> conn.query("SET TRANSACTION READ ONLY").execute()
        .compose(ok -> open.apply(conn))
        .compose(consume));
  }
}
