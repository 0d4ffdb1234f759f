package cn.qdaipark.scenariohub.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import java.util.function.Function;

/**
 * The 201 answer to a create. With an Idempotency-Key it is stored in the transaction that creates the record, so
 * that a retry after any crash finds either both or neither: never the record without its answer.
 */
public final class CreatedAnswer<T> implements InTransaction<T> {
  private final RoutingContext ctx;
  private final Function<T, JsonObject> toJson;

  private CreatedAnswer(RoutingContext ctx, Function<T, JsonObject> toJson) {
    this.ctx = ctx;
    this.toJson = toJson;
  }

  public static <T> CreatedAnswer<T> of(RoutingContext ctx, Function<T, JsonObject> toJson) {
    return new CreatedAnswer<>(ctx, toJson);
  }

  @Override
  public Future<Void> run(SqlClient db, T created) {
    IdempotencyScope idempotency = IdempotencyScope.of(ctx);
    return idempotency == null ? Future.succeededFuture()
        : idempotency.storeIn(db, StoredResponse.json(ctx.response(), 201, toJson.apply(created).toBuffer()));
  }

  public void send(T created) {
    Responses.json(ctx, 201, toJson.apply(created));
  }
}
