package cn.qdaipark.scenariohub.support;

import cn.qdaipark.scenariohub.index.BgeSmallZhEmbedder;
import cn.qdaipark.scenariohub.index.Embedder;

/** The real bge-small-zh model, loaded once per test JVM (loading takes seconds). */
public final class SharedEmbedder {
  private static Embedder embedder;

  private SharedEmbedder() {
  }

  public static synchronized Embedder get() {
    if (embedder == null) {
      embedder = new BgeSmallZhEmbedder();
    }
    return embedder;
  }
}
