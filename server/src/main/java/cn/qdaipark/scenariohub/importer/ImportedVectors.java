package cn.qdaipark.scenariohub.importer;

import cn.qdaipark.scenariohub.index.Embedder;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * Reads the optional {@code embedding} of an import line, {@code {"model": …, "vector": […]}}: a vector this
 * instance's model made elsewhere, stored as given so that moving a collection between instances embeds nothing.
 */
public record ImportedVectors(String modelId, int dimension) {
  static final String FIELD = "embedding";
  private static final double MIN_NORM = 0.98;
  private static final double MAX_NORM = 1.02;
  /**
   * A norm this close to 1 is a unit vector up to float rounding; rescaling it would change its last bits, and a
   * vector must come back from an export and re-import exactly as it left.
   */
  private static final double UNIT = 1e-5;

  public static ImportedVectors of(Embedder embedder) {
    return new ImportedVectors(embedder.modelId(), embedder.dimension());
  }

  /** The line's unit vector, or null when it has none or a bad one (noted in the validator). */
  float[] read(Validator v, JsonObject line) {
    Object raw = line.getValue(FIELD);
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof JsonObject embedding)) {
      v.check(false, FIELD, "必须是对象 {\"model\": …, \"vector\": […]}");
      return null;
    }
    Object model = embedding.getValue("model");
    if (!modelId.equals(model)) {
      v.check(false, FIELD, "model 必须是 " + modelId + "（本实例的向量模型），收到：" + shortly(model));
      return null;
    }
    if (!(embedding.getValue("vector") instanceof JsonArray values)) {
      v.check(false, FIELD, "vector 必须是数组");
      return null;
    }
    // checked before any element is looked at, so an enormous array costs nothing more
    if (values.size() != dimension) {
      v.check(false, FIELD, "vector 必须有 " + dimension + " 个数，收到 " + values.size() + " 个");
      return null;
    }
    float[] vector = new float[dimension];
    double squares = 0;
    for (int i = 0; i < dimension; i++) {
      Object value = values.getValue(i);
      float f = value instanceof Number n ? n.floatValue() : Float.NaN;
      if (!Float.isFinite(f)) {
        v.check(false, FIELD, "vector 第 " + (i + 1) + " 个值不是有限的数：" + shortly(value));
        return null;
      }
      vector[i] = f;
      squares += (double) f * f;
    }
    double norm = Math.sqrt(squares);
    if (norm < MIN_NORM || norm > MAX_NORM) {
      v.check(false, FIELD, "vector 必须是单位向量（模长在 " + MIN_NORM + " 到 " + MAX_NORM + " 之间），收到模长 "
          + String.format(Locale.ROOT, "%.4f", norm));
      return null;
    }
    return Math.abs(norm - 1) <= UNIT ? vector : scaled(vector, norm);
  }

  private static float[] scaled(float[] vector, double norm) {
    float[] unit = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      unit[i] = (float) (vector[i] / norm);
    }
    return unit;
  }

  private static String shortly(Object value) {
    String text = String.valueOf(value);
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
