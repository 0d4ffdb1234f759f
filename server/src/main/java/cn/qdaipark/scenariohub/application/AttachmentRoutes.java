package cn.qdaipark.scenariohub.application;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.CreatedAnswer;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.http.Responses;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

public final class AttachmentRoutes {
  public static final String UPLOAD_PATH = "/applications/:id/attachments";
  /**
   * The multipart body of an attachment upload (API and pages) may carry one 10 MB file plus its part headers; a
   * file just over 10 MB is refused by the service.
   */
  public static final int UPLOAD_BODY_LIMIT = PdfUpload.MAX_BYTES + 64 * 1024;
  /** The characters RFC 5987 lets through unencoded in {@code filename*}. */
  private static final String ATTR_CHARS = "!#$&+-.^_`|~";

  private final AttachmentService service;

  public AttachmentRoutes(AttachmentService service) {
    this.service = service;
  }

  /** The body handler of the upload route, mounted before the general one; temporary files go when the answer does. */
  public static BodyHandler uploadBodyHandler(Path dataDir) {
    return BodyHandler.create(true).setBodyLimit(UPLOAD_BODY_LIMIT).setDeleteUploadedFilesOnEnd(true)
        .setUploadsDirectory(dataDir.resolve("uploads").toString());
  }

  public void mount(Router api) {
    api.post(UPLOAD_PATH).handler(this::upload);
    api.get(UPLOAD_PATH).handler(this::list);
    api.get(UPLOAD_PATH + "/:attachmentId").handler(this::download);
    api.delete(UPLOAD_PATH + "/:attachmentId").handler(this::delete);
  }

  private void upload(RoutingContext ctx) {
    CreatedAnswer<Attachment> answer = CreatedAnswer.of(ctx, Attachment::toJson);
    service.upload(CurrentUser.required(ctx), Params.pathId(ctx, "id"), singleFile(ctx), answer)
        .onSuccess(answer::send)
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    service.list(CurrentUser.required(ctx), Params.pathId(ctx, "id"))
        .onSuccess(list -> Responses.items(ctx, list, Attachment::toJson))
        .onFailure(ctx::fail);
  }

  private void download(RoutingContext ctx) {
    service.download(CurrentUser.required(ctx), Params.pathId(ctx, "id"), Params.pathId(ctx, "attachmentId"))
        .onSuccess(content -> send(ctx, content))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    service.delete(CurrentUser.required(ctx), Params.pathId(ctx, "id"), Params.pathId(ctx, "attachmentId"))
        .onSuccess(a -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  /** The one file of a multipart upload; anything else is a 400 naming the {@code file} field. */
  public static FileUpload singleFile(RoutingContext ctx) {
    List<FileUpload> uploads = ctx.fileUploads();
    if (uploads.size() != 1) {
      throw ApiException.validation(Map.of("file", uploads.isEmpty()
          ? "请选择要上传的 PDF 文件（multipart/form-data 的 file 字段）" : "每次只能上传一个文件"));
    }
    return uploads.get(0);
  }

  /** Sends an attachment as a download, with its checksum, to the API and the pages alike. */
  public static void send(RoutingContext ctx, AttachmentRepository.Content content) {
    Attachment a = content.attachment();
    sendPdf(ctx, a.fileName(), a.sha256(), content.bytes());
  }

  /** Sends a stored PDF (an application's or a message's) as a download. */
  public static void sendPdf(RoutingContext ctx, String fileName, String sha256, Buffer bytes) {
    ctx.response()
        .putHeader("Content-Type", PdfUpload.CONTENT_TYPE)
        .putHeader("Content-Disposition", contentDisposition(fileName))
        .putHeader("ETag", "\"" + sha256 + "\"")
        .putHeader("X-Checksum-SHA256", sha256)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Cache-Control", "private, no-cache")
        .end(bytes);
  }

  /** {@code attachment} with an ASCII fallback name and the real name in RFC 5987 encoding (for Chinese names). */
  public static String contentDisposition(String fileName) {
    StringBuilder ascii = new StringBuilder();
    fileName.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
    StringBuilder encoded = new StringBuilder();
    for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x80 && (Character.isLetterOrDigit(c) || ATTR_CHARS.indexOf(c) >= 0)) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(String.format("%02X", c));
      }
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
