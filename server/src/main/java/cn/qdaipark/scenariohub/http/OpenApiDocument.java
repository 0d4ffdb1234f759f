package cn.qdaipark.scenariohub.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The OpenAPI description of {@code /api/v1}, shipped as a resource and served as is. */
public final class OpenApiDocument {
  private static final String TEXT = load();

  private OpenApiDocument() {
  }

  public static String text() {
    return TEXT;
  }

  private static String load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream("/openapi/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi/openapi.yaml missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
