package cn.qdaipark.scenariohub.http;

import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code page} (from 1) and {@code pageSize} (1..100, default 20) of a list request. */
public record PageRequest(int page, int pageSize) {
  public static final int MAX_PAGE_SIZE = 100;

  public static PageRequest from(RoutingContext ctx) {
    int page = Params.intParam(ctx, "page", 1, 1, 100_000);
    int size = Params.intParam(ctx, "pageSize", 20, 1, MAX_PAGE_SIZE);
    return new PageRequest(page, size);
  }

  public int offset() {
    return (page - 1) * pageSize;
  }

  public void addTo(Map<String, Object> params) {
    params.put("limit", pageSize);
    params.put("offset", offset());
  }
}
