package cn.qdaipark.scenariohub.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** One page of a list, with the total count across all pages. */
public record Page<T>(List<T> items, long total) {

  /** Reads rows that carry the window column {@code total} ({@code count(*) OVER ()}). */
  public static <T> Page<T> fromRows(RowSet<Row> rows, Function<Row, T> mapper) {
    long total = 0;
    List<T> items = new ArrayList<>();
    for (Row row : rows) {
      total = row.getLong("total");
      items.add(mapper.apply(row));
    }
    return new Page<>(items, total);
  }

  public JsonObject toJson(PageRequest request, Function<T, JsonObject> toJson) {
    JsonArray array = new JsonArray();
    items.forEach(item -> array.add(toJson.apply(item)));
    return new JsonObject()
        .put("items", array)
        .put("page", request.page())
        .put("pageSize", request.pageSize())
        .put("total", total);
  }
}
