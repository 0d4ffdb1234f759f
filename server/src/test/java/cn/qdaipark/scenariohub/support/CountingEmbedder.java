package cn.qdaipark.scenariohub.support;

import cn.qdaipark.scenariohub.index.Embedder;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The shared model, counting the texts it is asked to embed (to show which work never reached it). */
public final class CountingEmbedder implements Embedder {
  private final Embedder model = SharedEmbedder.get();
  private final AtomicInteger texts = new AtomicInteger();

  @Override
  public float[] embed(String text) {
    texts.incrementAndGet();
    return model.embed(text);
  }

  @Override
  public List<float[]> embedAll(List<String> batch) {
    texts.addAndGet(batch.size());
    return model.embedAll(batch);
  }

  @Override
  public int dimension() {
    return model.dimension();
  }

  @Override
  public String modelId() {
    return model.modelId();
  }

  public int texts() {
    return texts.get();
  }
}
