package cn.qdaipark.scenariohub.http;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/** A step a service runs inside the transaction that creates a record, once the record is written. */
@FunctionalInterface
public interface InTransaction<T> {
  Future<Void> run(SqlClient db, T created);

  static <T> InTransaction<T> nothing() {
    return (db, created) -> Future.succeededFuture();
  }
}
