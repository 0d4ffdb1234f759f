package cn.qdaipark.scenariohub.http;

import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps every failure of an API route to the error shape of API.md; internals are logged, never shown. */
public final class FailureHandler implements Handler<RoutingContext> {
  private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().ended()) {
      // already answered, e.g. 503 by the request deadline before the late failure arrived
      return;
    }
    ApiException error = translate(ctx.failure(), ctx.statusCode());
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (error.status() == 503) {
      ctx.response().putHeader("Retry-After", Unavailable.RETRY_AFTER_SECONDS);
    }
    ctx.response()
        .setStatusCode(error.status())
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(error.toJson().encode());
  }

  private static ApiException translate(Throwable failure, int status) {
    if (failure instanceof ApiException api) {
      return api;
    }
    if (failure instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return ApiException.conflict("记录已存在（唯一性冲突）");
    }
    if (failure instanceof HttpPostRequestDecoder.TooLongFormFieldException
        || failure instanceof HttpPostRequestDecoder.TooManyFormFieldsException) {
      return new ApiException(413, "payload_too_large", "表单字段超过大小上限；批量内容请以 application/x-ndjson 或 application/json 提交");
    }
    if (Unavailable.is(failure)) {
      log.warn("database unavailable: {}", failure.toString());
      return ApiException.unavailable("数据库暂时不可用，请稍后重试");
    }
    if (failure == null) {
      return switch (status) {
        case 400 -> ApiException.badRequest("请求格式有误");
        case 401 -> ApiException.unauthorized("请先登录");
        case 403 -> ApiException.forbidden("无权执行此操作");
        case 404 -> ApiException.notFound("资源");
        case 405 -> new ApiException(405, "method_not_allowed", "不支持该请求方法");
        case 413 -> new ApiException(413, "payload_too_large", "请求体超过大小上限");
        case 415 -> new ApiException(415, "unsupported_media_type", "不支持的内容类型");
        default -> internal(null);
      };
    }
    return internal(failure);
  }

  private static ApiException internal(Throwable failure) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    log.error("unexpected failure {}", id, failure);
    return new ApiException(500, "internal_error", "服务器内部错误（编号 " + id + "），请稍后重试");
  }
}
