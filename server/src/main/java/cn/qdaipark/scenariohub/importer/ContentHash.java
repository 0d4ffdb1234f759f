package cn.qdaipark.scenariohub.importer;

import cn.qdaipark.scenariohub.solution.SolutionInput;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of what an import row determines of a solution: its provider and every field stored and embedded. */
final class ContentHash {
  private ContentHash() {
  }

  static String of(String provider, SolutionInput in) {
    JsonArray fields = new JsonArray().add(provider).add(in.title()).add(in.summary()).add(in.description())
        .add(new JsonArray(in.domains())).add(in.track()).add(new JsonArray(in.tags())).add(in.maturity())
        .add(in.region()).add(new JsonArray(in.cases())).add(in.priceRange());
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(fields.encode().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
