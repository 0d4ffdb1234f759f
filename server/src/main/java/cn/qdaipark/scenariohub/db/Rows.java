package cn.qdaipark.scenariohub.db;

import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class Rows {
  private Rows() {
  }

  public static <T> List<T> all(RowSet<T> rows) {
    List<T> list = new ArrayList<>(rows.size());
    rows.forEach(list::add);
    return list;
  }

  public static <T> Optional<T> first(RowSet<T> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
  }
}
