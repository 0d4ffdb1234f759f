package cn.qdaipark.scenariohub.application;

import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.validation.UploadName;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * An uploaded file accepted as a PDF attachment: at most 10 MB, and a PDF by its first bytes ({@code %PDF-}),
 * whatever content type or file name the client declared. Reading and hashing run on a worker thread.
 */
public record PdfUpload(String fileName, Buffer content, String sha256) {
  public static final String CONTENT_TYPE = "application/pdf";
  public static final int MAX_BYTES = 10 * 1024 * 1024;
  private static final byte[] MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
  private static final String FALLBACK_NAME = "attachment.pdf";

  public static Future<PdfUpload> read(Vertx vertx, FileUpload upload) {
    if (upload.size() > MAX_BYTES) {
      return Future.failedFuture(tooLarge());
    }
    if (upload.size() == 0) {
      return Future.failedFuture(ApiException.validation(Map.of("file", "文件为空，请选择要上传的 PDF 文件")));
    }
    return vertx.executeBlocking(() -> {
      byte[] bytes = Files.readAllBytes(Path.of(upload.uploadedFileName()));
      if (bytes.length > MAX_BYTES) {
        throw tooLarge();
      }
      if (!isPdf(bytes)) {
        throw new ApiException(415, "unsupported_media_type", "附件必须是 PDF 文件（按文件内容识别，与文件名和声明的类型无关）");
      }
      return new PdfUpload(fileName(upload.fileName()), Buffer.buffer(bytes), sha256(bytes));
    }, false);
  }

  /** The name the PDF is kept under and sent back with: see {@link UploadName}. */
  static String fileName(String declared) {
    return UploadName.of(declared, "file", FALLBACK_NAME, ".pdf");
  }

  /** Whether these bytes are a PDF, by their first bytes. */
  public static boolean isPdf(byte[] bytes) {
    return bytes.length >= MAGIC.length && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static ApiException tooLarge() {
    return new ApiException(413, "payload_too_large", "附件不能超过 10 MB");
  }
}
