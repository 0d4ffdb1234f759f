package cn.qdaipark.scenariohub.db;

import io.vertx.sqlclient.RowSet;
import java.util.Optional;

public final class Rows {
  private Rows() {
  }

  public static <T> Optional<T> first(RowSet<T> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
  }
}
