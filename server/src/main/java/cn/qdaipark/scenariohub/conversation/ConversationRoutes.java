package cn.qdaipark.scenariohub.conversation;

import cn.qdaipark.scenariohub.application.AttachmentRoutes;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

public final class ConversationRoutes {
  /** Messages may carry a PDF: this route gets the upload body handler (API and pages). */
  public static final String MESSAGES_PATH = "/conversations/:id/messages";

  private final ConversationService service;

  public ConversationRoutes(ConversationService service) {
    this.service = service;
  }

  public void mount(Router api) {
    api.get("/conversations").handler(this::list);
    api.post("/conversations").handler(this::open);
    api.get("/conversations/:id").handler(this::thread);
    api.post(MESSAGES_PATH).handler(this::post);
    api.get("/conversations/:id/attachments/:attachmentId").handler(this::download);
    api.put("/conversations/:id/contact").handler(this::share);
    api.delete("/conversations/:id/contact").handler(this::unshare);
  }

  private void list(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    PageRequest page = PageRequest.from(ctx);
    service.inbox(user, page)
        .onSuccess(inbox -> Responses.json(ctx, 200, inbox.page().toJson(page, c -> c.toJson(user.organizationId()))
            .put("unread", inbox.unread())))
        .onFailure(ctx::fail);
  }

  private void open(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    service.open(user, Params.body(ctx))
        .onSuccess(opened -> Responses.json(ctx, opened.created() ? 201 : 200, new JsonObject()
            .put("id", opened.id()).put("created", opened.created()).put("url", "/conversations/" + opened.id())))
        .onFailure(ctx::fail);
  }

  private void thread(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    PageRequest page = new PageRequest(Params.intParam(ctx, "page", 1, 1, 100_000),
        Params.intParam(ctx, "pageSize", 50, 1, PageRequest.MAX_PAGE_SIZE));
    service.read(user, Params.pathId(ctx, "id"), page)
        .onSuccess(t -> Responses.json(ctx, 200, t.conversation().toJson(user.organizationId())
            .put("readOnly", t.readOnly())
            .put("messages", t.messages().toJson(page, m -> m.toJson(user.organizationId(), user.isAdmin())))
            .put("counterpartContact", t.counterpartContact().map(SharedContact::toJson).orElse(null))
            .put("ownContact", t.ownContact().map(SharedContact::toJson).orElse(null))))
        .onFailure(ctx::fail);
  }

  private void post(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = Params.pathId(ctx, "id");
    boolean multipart = isMultipart(ctx);
    JsonObject body = multipart ? new JsonObject().put("body", ctx.request().getFormAttribute("body"))
        : Params.body(ctx);
    service.post(user, id, body, multipart ? optionalFile(ctx) : null)
        .onSuccess(m -> Responses.json(ctx, 201, m.toJson(user.organizationId(), user.isAdmin())))
        .onFailure(ctx::fail);
  }

  private void download(RoutingContext ctx) {
    service.attachment(CurrentUser.required(ctx), Params.pathId(ctx, "id"), Params.pathId(ctx, "attachmentId"))
        .onSuccess(file -> AttachmentRoutes.sendPdf(ctx, file.fileName(), file.sha256(), file.bytes()))
        .onFailure(ctx::fail);
  }

  private void share(RoutingContext ctx) {
    service.share(CurrentUser.required(ctx), Params.pathId(ctx, "id"), Params.body(ctx))
        .onSuccess(shared -> Responses.json(ctx, 200, shared.toJson()))
        .onFailure(ctx::fail);
  }

  private void unshare(RoutingContext ctx) {
    service.unshare(CurrentUser.required(ctx), Params.pathId(ctx, "id"))
        .onSuccess(done -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  public static boolean isMultipart(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
  }

  /** The message's file, if one was chosen (a form's empty file field is none); two files are a 400. */
  public static FileUpload optionalFile(RoutingContext ctx) {
    List<FileUpload> uploads = ctx.fileUploads().stream()
        .filter(f -> f.size() > 0 || f.fileName() != null && !f.fileName().isBlank()).toList();
    if (uploads.size() > 1) {
      throw ApiException.validation(Map.of("file", "每条消息只能附一个文件"));
    }
    return uploads.isEmpty() ? null : uploads.get(0);
  }
}
