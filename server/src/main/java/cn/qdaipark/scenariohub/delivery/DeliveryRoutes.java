package cn.qdaipark.scenariohub.delivery;

import cn.qdaipark.scenariohub.application.AttachmentRoutes;
import cn.qdaipark.scenariohub.application.PdfUpload;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.CreatedAnswer;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.http.Responses;
import io.vertx.core.MultiMap;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The delivery API: the plan, progress reports (multipart, with evidence files), decisions, funding, evidence. */
public final class DeliveryRoutes {
  public static final String REPORT_PATH = "/milestones/:id/reports";
  /** Five evidence files of at most 10 MB each, the report's fields and the part headers. */
  public static final int REPORT_BODY_LIMIT = EvidenceReader.MAX_FILES * PdfUpload.MAX_BYTES + 256 * 1024;

  private final DeliveryService service;

  public DeliveryRoutes(DeliveryService service) {
    this.service = service;
  }

  /** The body handler of a report upload, mounted before the general one; temporary files go with the answer. */
  public static BodyHandler reportBodyHandler(Path uploadsDirectory) {
    return BodyHandler.create(true).setBodyLimit(REPORT_BODY_LIMIT).setDeleteUploadedFilesOnEnd(true)
        .setUploadsDirectory(uploadsDirectory.toString());
  }

  public void mount(Router api) {
    api.get("/postings/:id/delivery-plan").handler(this::view);
    api.put("/postings/:id/delivery-plan").handler(this::propose);
    api.post("/postings/:id/delivery-plan/accept").handler(ctx -> decidePlan(ctx, true));
    api.post("/postings/:id/delivery-plan/return").handler(ctx -> decidePlan(ctx, false));
    api.post(REPORT_PATH).handler(this::report);
    api.post("/milestone-reports/:id/accept").handler(ctx -> decideReport(ctx, true));
    api.post("/milestone-reports/:id/return").handler(ctx -> decideReport(ctx, false));
    api.post("/milestones/:id/funding").handler(this::fund);
    api.get("/evidence/:id").handler(this::evidence);
  }

  private void view(RoutingContext ctx) {
    service.view(CurrentUser.of(ctx), Params.pathId(ctx, "id"))
        .onSuccess(d -> Responses.json(ctx, 200, d.toJson()))
        .onFailure(ctx::fail);
  }

  private void propose(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = Params.pathId(ctx, "id");
    service.proposePlan(user, id, Params.body(ctx))
        .compose(plan -> service.view(Optional.of(user), id))
        .onSuccess(d -> Responses.json(ctx, 200, d.toJson()))
        .onFailure(ctx::fail);
  }

  private void decidePlan(RoutingContext ctx, boolean accept) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = Params.pathId(ctx, "id");
    service.decidePlan(user, id, accept, Params.bodyOrEmpty(ctx))
        .compose(plan -> service.view(Optional.of(user), id))
        .onSuccess(d -> Responses.json(ctx, 200, d.toJson()))
        .onFailure(ctx::fail);
  }

  private void report(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    CreatedAnswer<MilestoneReport> answer = CreatedAnswer.of(ctx, MilestoneReport::toJson);
    service.submitReport(user, Params.pathId(ctx, "id"), reportFields(ctx.request().formAttributes()),
            ctx.fileUploads(), answer)
        .onSuccess(answer::send)
        .onFailure(ctx::fail);
  }

  /** The report's multipart fields: {@code text}, and {@code indicators} as a JSON array of {requirement, value}. */
  static JsonObject reportFields(MultiMap form) {
    JsonObject body = new JsonObject().put("text", form.get("text"));
    String indicators = form.get("indicators");
    if (indicators != null && !indicators.isBlank()) {
      try {
        body.put("indicators", new JsonArray(indicators));
      } catch (DecodeException | ClassCastException e) {
        throw ApiException.validation(Map.of("indicators", "必须是 JSON 列表"));
      }
    }
    return body;
  }

  private void decideReport(RoutingContext ctx, boolean accept) {
    service.decideReport(CurrentUser.required(ctx), Params.pathId(ctx, "id"), accept, Params.bodyOrEmpty(ctx))
        .onSuccess(r -> Responses.json(ctx, 200, r.toJson()))
        .onFailure(ctx::fail);
  }

  private void fund(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    CreatedAnswer<FundingRelease> answer = CreatedAnswer.of(ctx, FundingRelease::toJson);
    service.releaseFunding(user, Params.pathId(ctx, "id"), Params.body(ctx), answer)
        .onSuccess(answer::send)
        .onFailure(ctx::fail);
  }

  private void evidence(RoutingContext ctx) {
    service.evidence(CurrentUser.required(ctx), Params.pathId(ctx, "id"))
        .onSuccess(file -> send(ctx, file))
        .onFailure(ctx::fail);
  }

  /** Sends an evidence file as a download with its stored type, to the API and the pages alike. */
  public static void send(RoutingContext ctx, DeliveryRepository.EvidenceContent file) {
    Evidence e = file.evidence();
    ctx.response()
        .putHeader("Content-Type", e.contentType())
        .putHeader("Content-Disposition", AttachmentRoutes.contentDisposition(e.fileName()))
        .putHeader("ETag", "\"" + e.sha256() + "\"")
        .putHeader("X-Checksum-SHA256", e.sha256())
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Cache-Control", "private, no-cache")
        .end(file.bytes());
  }
}
