package cn.qdaipark.scenariohub.delivery;

import cn.qdaipark.scenariohub.application.PdfUpload;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.image.ImageSanitizer;
import cn.qdaipark.scenariohub.image.SanitizedImage;
import cn.qdaipark.scenariohub.validation.UploadName;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.FileUpload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads the evidence files of a progress report on a worker thread: a PDF by its first bytes (at most 10 MB, kept
 * as sent), or a JPEG/PNG by its first bytes (re-encoded by {@link ImageSanitizer} without metadata); anything
 * else is refused, whatever its name or declared type.
 */
public final class EvidenceReader {
  static final int MAX_FILES = 5;

  private final Vertx vertx;
  private final ImageSanitizer images;

  public EvidenceReader(Vertx vertx, ImageSanitizer images) {
    this.vertx = vertx;
    this.images = images;
  }

  /** The chosen files; an empty file part (a form sent without choosing a file) is not a file. */
  static List<FileUpload> chosen(List<FileUpload> uploads) {
    return uploads.stream().filter(u -> u.size() > 0 || u.fileName() != null && !u.fileName().isBlank()).toList();
  }

  Future<List<EvidenceFile>> read(List<FileUpload> uploads) {
    if (uploads.size() > MAX_FILES) {
      return Future.failedFuture(ApiException.validation(Map.of("evidence", "最多上传 " + MAX_FILES + " 个佐证材料")));
    }
    for (FileUpload upload : uploads) {
      if (upload.size() > PdfUpload.MAX_BYTES) {
        return Future.failedFuture(tooLarge());
      }
      if (upload.size() == 0) {
        return Future.failedFuture(ApiException.validation(Map.of("evidence", "佐证材料文件为空")));
      }
    }
    return vertx.executeBlocking(() -> {
      List<EvidenceFile> files = new ArrayList<>();
      for (FileUpload upload : uploads) {
        files.add(read(Files.readAllBytes(Path.of(upload.uploadedFileName())), upload.fileName()));
      }
      return files;
    }, false);
  }

  private EvidenceFile read(byte[] bytes, String declaredName) {
    if (bytes.length > PdfUpload.MAX_BYTES) {
      throw tooLarge();
    }
    if (PdfUpload.isPdf(bytes)) {
      return new EvidenceFile(fileName(declaredName, ".pdf"), PdfUpload.CONTENT_TYPE, bytes, sha256(bytes));
    }
    if (ImageSanitizer.isJpegOrPng(bytes)) {
      SanitizedImage image = images.sanitize(bytes);
      String extension = "image/png".equals(image.contentType()) ? ".png" : ".jpg";
      return new EvidenceFile(fileName(declaredName, extension), image.contentType(), image.data(), sha256(image.data()));
    }
    throw new ApiException(415, "unsupported_media_type",
        "佐证材料必须是 PDF、JPEG 或 PNG 文件（按文件内容识别，与文件名和声明的类型无关）");
  }

  /** The name the file is kept under and sent back with, ending in the extension of what it is: see {@link UploadName}. */
  static String fileName(String declared, String extension) {
    return ".jpg".equals(extension) ? UploadName.of(declared, "evidence", "evidence.jpg", ".jpg", ".jpeg")
        : UploadName.of(declared, "evidence", "evidence" + extension, extension);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static ApiException tooLarge() {
    return new ApiException(413, "payload_too_large", "每个佐证材料不能超过 10 MB");
  }
}
