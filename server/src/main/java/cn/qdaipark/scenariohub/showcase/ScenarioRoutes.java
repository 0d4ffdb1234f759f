package cn.qdaipark.scenariohub.showcase;

import cn.qdaipark.scenariohub.application.AttachmentRoutes;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.CreatedAnswer;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.http.Responses;
import cn.qdaipark.scenariohub.image.ImageSanitizer;
import cn.qdaipark.scenariohub.validation.Text;
import cn.qdaipark.scenariohub.vocabulary.Vocabulary;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;

/** The JSON API of the demonstration scenarios under /api/v1/scenarios. */
public final class ScenarioRoutes {
  public static final String IMAGES_PATH = "/scenarios/:id/images";
  /**
   * Up to twice the largest picture, so a picture somewhat too large reaches the sanitizer and is refused with its
   * reason (413); a larger body is refused by the body handler (413 as well).
   */
  public static final long UPLOAD_BODY_LIMIT = 2L * ImageSanitizer.MAX_BYTES;

  private final ShowcaseService service;

  public ScenarioRoutes(ShowcaseService service) {
    this.service = service;
  }

  public static BodyHandler uploadBodyHandler(Path dataDir) {
    return BodyHandler.create(true).setBodyLimit(UPLOAD_BODY_LIMIT).setDeleteUploadedFilesOnEnd(true)
        .setUploadsDirectory(dataDir.resolve("uploads").toString());
  }

  public void mount(Router api) {
    api.get("/scenarios").handler(this::list);
    api.get("/scenarios/:id").handler(this::get);
    api.put("/scenarios/:id").handler(this::update);
    api.post(IMAGES_PATH).handler(this::addImage);
    api.delete(IMAGES_PATH + "/:imageId").handler(this::deleteImage);
  }

  /** The gallery's filters from the query string (a 400 for an unknown domain, track, year or sort). */
  public static ScenarioRepository.Filter filter(RoutingContext ctx) {
    String q = ctx.queryParams().get("q");
    if (q != null && (Text.problem(q, Text.Kind.LINE) != null || q.length() > 100)) {
      throw ApiException.validation(Map.of("q", "搜索词无效（一行，不超过 100 个字）"));
    }
    String district = ctx.queryParams().get("district");
    if (district != null && (Text.problem(district, Text.Kind.LINE) != null || district.length() > 60)) {
      throw ApiException.validation(Map.of("district", "区县无效"));
    }
    Integer year = ctx.queryParams().get("year") == null || ctx.queryParams().get("year").isBlank() ? null
        : Params.intParam(ctx, "year", 0, 2000, 2100);
    return new ScenarioRepository.Filter(Params.oneOf(ctx, "domain", new HashSet<>(Vocabulary.DOMAINS)),
        blankToNull(district), Params.oneOf(ctx, "track", new HashSet<>(Vocabulary.TRACKS)), year,
        q == null || Text.blank(q) ? null : q.strip(), null, null,
        Optional.ofNullable(Params.oneOf(ctx, "sort", ScenarioRepository.sortKeys())).orElse("newest"));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private void list(RoutingContext ctx) {
    PageRequest page = PageRequest.from(ctx);
    service.list(filter(ctx), page)
        .onSuccess(p -> Responses.json(ctx, 200, p.toJson(page, Scenario::toJson)))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    service.get(CurrentUser.of(ctx), Params.pathId(ctx, "id"))
        .onSuccess(s -> Responses.json(ctx, 200, s.toJson()))
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    service.update(user, Params.pathId(ctx, "id"), Params.body(ctx))
        .onSuccess(s -> Responses.json(ctx, 200, s.toJson()))
        .onFailure(ctx::fail);
  }

  private void addImage(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = Params.pathId(ctx, "id");
    CreatedAnswer<Scenario.ImageRef> answer = CreatedAnswer.of(ctx, image -> new JsonObject()
        .put("id", image.id()).put("caption", image.caption()).put("width", image.width())
        .put("height", image.height()).put("url", "/showcase/" + id + "/images/" + image.id())
        .put("thumbnailUrl", "/showcase/" + id + "/images/" + image.id() + "/thumb"));
    String caption = ctx.request().getFormAttribute("caption");
    read(ctx).compose(bytes -> service.addImage(user, id, caption, bytes, answer))
        .onSuccess(s -> answer.send(s.images().get(s.images().size() - 1)))
        .onFailure(ctx::fail);
  }

  private void deleteImage(RoutingContext ctx) {
    service.deleteImage(CurrentUser.required(ctx), Params.pathId(ctx, "id"), Params.pathId(ctx, "imageId"))
        .onSuccess(s -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  /** The bytes of the one uploaded file (multipart field {@code file}). */
  public static Future<Buffer> read(RoutingContext ctx) {
    FileUpload file;
    try {
      file = AttachmentRoutes.singleFile(ctx);
    } catch (ApiException e) {
      return Future.failedFuture(ApiException.validation(Map.of("file", "请选择要上传的 JPEG 或 PNG 图片（file 字段，每次一张）")));
    }
    if (file.size() > ImageSanitizer.MAX_BYTES) {
      return Future.failedFuture(new ApiException(413, "payload_too_large",
          "图片不能超过 " + ImageSanitizer.MAX_BYTES / 1024 / 1024 + " MB"));
    }
    return ctx.vertx().fileSystem().readFile(file.uploadedFileName());
  }
}
