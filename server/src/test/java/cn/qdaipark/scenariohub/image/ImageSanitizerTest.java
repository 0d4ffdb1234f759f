package cn.qdaipark.scenariohub.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qdaipark.scenariohub.http.ApiException;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageSanitizerTest {
  private final ImageSanitizer sanitizer = new ImageSanitizer(800, 200);

  @Test
  void jpegIsReencodedWithoutItsMetadataOrTrailingBytes() throws IOException {
    byte[] jpeg = picture(1200, 900, "jpg", BufferedImage.TYPE_INT_RGB);
    byte[] withExif = withSegmentAfterSoi(jpeg, "Exif\0\0GPS 36.07N 120.38E secret");
    byte[] tampered = concat(withExif, "<?php echo 1; ?>".getBytes(StandardCharsets.US_ASCII));

    SanitizedImage image = sanitizer.sanitize(tampered);

    assertThat(image.contentType()).isEqualTo("image/jpeg");
    assertThat(new String(image.data(), StandardCharsets.ISO_8859_1)).doesNotContain("GPS", "secret", "php", "Exif");
    assertThat(image.width()).isEqualTo(800);
    assertThat(image.height()).isEqualTo(600);
    BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(image.thumbnail()));
    assertThat(Math.max(thumbnail.getWidth(), thumbnail.getHeight())).isEqualTo(200);
  }

  @Test
  void pngKeepsItsFormatAndSmallPicturesKeepTheirSize() throws IOException {
    SanitizedImage image = sanitizer.sanitize(picture(300, 120, "png", BufferedImage.TYPE_INT_ARGB));

    assertThat(image.contentType()).isEqualTo("image/png");
    assertThat(image.width()).isEqualTo(300);
    assertThat(image.height()).isEqualTo(120);
    assertThat(ImageIO.read(new ByteArrayInputStream(image.thumbnail()))).isNotNull();
  }

  @Test
  void somethingElseNamedAsAPictureIsRefused() {
    assertThatThrownBy(() -> sanitizer.sanitize("%PDF-1.7 not a picture".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(415));
    byte[] truncatedJpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F'};
    assertThatThrownBy(() -> sanitizer.sanitize(truncatedJpeg))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(415));
    assertThatThrownBy(() -> sanitizer.sanitize(new byte[0]))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void tooManyBytesOrPixelsAreRefusedBeforeDecoding() {
    assertThatThrownBy(() -> sanitizer.sanitize(new byte[ImageSanitizer.MAX_BYTES + 1]))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
    assertThatThrownBy(() -> sanitizer.sanitize(pngClaiming(50_000, 50_000)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
  }

  private static byte[] picture(int width, int height, String format, int type) throws IOException {
    BufferedImage image = new BufferedImage(width, height, type);
    var g = image.createGraphics();
    g.setColor(new Color(30, 90, 160));
    g.fillRect(0, 0, width, height);
    g.setColor(Color.ORANGE);
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, format, out);
    return out.toByteArray();
  }

  /** An APP1 segment right after the start-of-image marker, where cameras put EXIF. */
  private static byte[] withSegmentAfterSoi(byte[] jpeg, String payload) {
    byte[] body = payload.getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer out = ByteBuffer.allocate(jpeg.length + body.length + 4);
    out.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xE1).putShort((short) (body.length + 2)).put(body);
    out.put(jpeg, 2, jpeg.length - 2);
    return out.array();
  }

  /** A valid PNG header whose IHDR claims a huge picture: a decompression bomb stops here. */
  private static byte[] pngClaiming(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
        .putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    CRC32 crc = new CRC32();
    crc.update(ihdr.array());
    return ByteBuffer.allocate(8 + 4 + 17 + 4)
        .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})
        .putInt(13).put(ihdr.array()).putInt((int) crc.getValue()).array();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
