package cn.qdaipark.scenariohub.http;

import cn.qdaipark.scenariohub.validation.BodyText;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/** Reading request parameters and bodies with a 400 for anything malformed. */
public final class Params {
  private Params() {
  }

  public static long pathId(RoutingContext ctx, String name) {
    try {
      long id = Long.parseLong(ctx.pathParam(name));
      if (id <= 0) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException e) {
      throw ApiException.notFound("记录");
    }
  }

  public static Long optionalId(RoutingContext ctx, String name) {
    String raw = ctx.queryParams().get(name);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw invalid(name, "必须是数字编号");
    }
  }

  public static LocalDate optionalDate(RoutingContext ctx, String name) {
    String raw = ctx.queryParams().get(name);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(raw.trim());
    } catch (DateTimeParseException e) {
      throw invalid(name, "日期格式应为 YYYY-MM-DD");
    }
  }

  public static int intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
    String raw = ctx.queryParams().get(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value < min || value > max) {
        throw invalid(name, "应在 " + min + " 到 " + max + " 之间");
      }
      return value;
    } catch (NumberFormatException e) {
      throw invalid(name, "必须是整数");
    }
  }

  /** An optional query parameter that must be one of the allowed values. */
  public static String oneOf(RoutingContext ctx, String name, Set<String> allowed) {
    String raw = ctx.queryParams().get(name);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    if (!allowed.contains(raw)) {
      throw invalid(name, "取值无效：" + raw);
    }
    return raw;
  }

  /** The JSON body when there is one, or an empty object: for actions whose body is optional. */
  public static JsonObject bodyOrEmpty(RoutingContext ctx) {
    String text = ctx.body() == null ? null : ctx.body().asString();
    return text == null || text.isBlank() ? new JsonObject() : body(ctx);
  }

  public static JsonObject body(RoutingContext ctx) {
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text == null || text.isBlank()) {
      throw ApiException.badRequest("请求体不能为空");
    }
    try {
      Object parsed = io.vertx.core.json.Json.decodeValue(text);
      if (parsed instanceof JsonObject obj) {
        return BodyText.check(obj);
      }
      throw ApiException.badRequest("请求体必须是 JSON 对象");
    } catch (DecodeException e) {
      throw ApiException.badRequest("请求体不是合法的 JSON");
    }
  }

  private static ApiException invalid(String name, String message) {
    return ApiException.validation(Map.of(name, message));
  }
}
