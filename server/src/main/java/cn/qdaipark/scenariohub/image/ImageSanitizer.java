package cn.qdaipark.scenariohub.image;

import cn.qdaipark.scenariohub.http.ApiException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Accepts a JPEG or PNG by its content (never by name or declared type), refuses what is too large to hold or to
 * decode, and re-encodes it from its pixels, so EXIF (with its GPS position), comments and anything appended to the
 * file are gone. Blocking: call it on a worker thread.
 */
public final class ImageSanitizer {
  public static final int MAX_BYTES = 8 * 1024 * 1024;
  /** Refused before decoding, so a small file that claims 30,000 × 30,000 pixels cannot exhaust the heap. */
  static final long MAX_PIXELS = 40_000_000L;
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private final int maxEdge;
  private final int thumbnailEdge;

  /** Pictures are scaled down to {@code maxEdge} pixels on their longer side, thumbnails to {@code thumbnailEdge}. */
  public ImageSanitizer(int maxEdge, int thumbnailEdge) {
    this.maxEdge = maxEdge;
    this.thumbnailEdge = thumbnailEdge;
  }

  public SanitizedImage sanitize(byte[] upload) {
    if (upload.length == 0) {
      throw ApiException.validation(Map.of("image", "文件为空，请选择 JPEG 或 PNG 图片"));
    }
    if (upload.length > MAX_BYTES) {
      throw new ApiException(413, "payload_too_large", "图片不能超过 " + MAX_BYTES / 1024 / 1024 + " MB");
    }
    String format = startsWith(upload, JPEG) ? "jpg" : startsWith(upload, PNG) ? "png" : null;
    if (format == null) {
      throw new ApiException(415, "unsupported_media_type", "图片必须是 JPEG 或 PNG（按文件内容识别，与文件名和声明的类型无关）");
    }
    BufferedImage pixels = decode(upload);
    try {
      BufferedImage opaque = "jpg".equals(format) ? withoutAlpha(pixels) : pixels;
      Encoded stored = encode(opaque, format, maxEdge);
      Encoded thumbnail = encode(withoutAlpha(pixels), "jpg", thumbnailEdge);
      return new SanitizedImage(stored.data(), "jpg".equals(format) ? "image/jpeg" : "image/png", stored.width(),
          stored.height(), thumbnail.data());
    } catch (IOException e) {
      throw unreadable();
    }
  }

  /** Whether these bytes claim to be a JPEG or a PNG, by their first bytes (whether they decode is for sanitize). */
  public static boolean isJpegOrPng(byte[] bytes) {
    return startsWith(bytes, JPEG) || startsWith(bytes, PNG);
  }

  private static BufferedImage decode(byte[] upload) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw unreadable();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
          throw new ApiException(413, "payload_too_large", "图片像素过多（不超过 4000 万像素）");
        }
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ApiException refused) {
        throw refused;
      }
      throw unreadable();
    }
  }

  /** An encoded picture and the size it was encoded at. */
  private record Encoded(byte[] data, int width, int height) {
  }

  private static Encoded encode(BufferedImage image, String format, int edge) throws IOException {
    BufferedImage sized = Math.max(image.getWidth(), image.getHeight()) > edge
        ? Thumbnails.of(image).size(edge, edge).asBufferedImage() : image;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thumbnails.Builder<BufferedImage> builder = Thumbnails.of(sized).scale(1.0).outputFormat(format);
    if ("jpg".equals(format)) {
      builder.outputQuality(0.85);
    }
    builder.toOutputStream(out);
    return new Encoded(out.toByteArray(), sized.getWidth(), sized.getHeight());
  }

  /** JPEG has no alpha channel: transparent parts are laid on white. */
  private static BufferedImage withoutAlpha(BufferedImage image) {
    if (!image.getColorModel().hasAlpha() && image.getType() == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    var g = rgb.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
    g.drawImage(image, 0, 0, null);
    g.dispose();
    return rgb;
  }

  private static boolean startsWith(byte[] data, byte[] magic) {
    return data.length >= magic.length && Arrays.equals(data, 0, magic.length, magic, 0, magic.length);
  }

  private static ApiException unreadable() {
    return new ApiException(415, "unsupported_media_type", "无法读取该图片：文件已损坏或不是有效的 JPEG/PNG");
  }
}
