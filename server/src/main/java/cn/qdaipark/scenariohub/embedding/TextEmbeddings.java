package cn.qdaipark.scenariohub.embedding;

import cn.qdaipark.scenariohub.index.Embedder;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Runs the embedding model off the event loop, spreading a batch over the worker threads. */
public final class TextEmbeddings {
  private final Embedder embedder;
  private final WorkerExecutor workers;
  private final int parallelism;

  public TextEmbeddings(Embedder embedder, WorkerExecutor workers, int parallelism) {
    this.embedder = embedder;
    this.workers = workers;
    this.parallelism = parallelism;
  }

  public Future<float[]> embed(String text) {
    return workers.executeBlocking(() -> embedder.embed(text), false);
  }

  /** Vectors in the order of the texts; {@code progress} hears the count done after each one (from worker threads). */
  public Future<List<float[]>> embedAll(List<String> texts, IntConsumer progress) {
    AtomicInteger finished = new AtomicInteger();
    float[][] vectors = new float[texts.size()][];
    List<Future<Void>> parts = new ArrayList<>();
    for (int worker = 0; worker < parallelism; worker++) {
      int first = worker;
      parts.add(workers.executeBlocking(() -> {
        for (int i = first; i < texts.size(); i += parallelism) {
          vectors[i] = embedder.embed(texts.get(i));
          progress.accept(finished.incrementAndGet());
        }
        return null;
      }, false));
    }
    return Future.all(parts).map(done -> List.of(vectors));
  }

  /** The boxed form PostgreSQL's real[] columns take. */
  public static Float[] boxed(float[] vector) {
    if (vector == null) {
      return null;
    }
    Float[] boxed = new Float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      boxed[i] = vector[i];
    }
    return boxed;
  }

  public static float[] unboxed(Float[] boxed) {
    if (boxed == null) {
      return null;
    }
    float[] vector = new float[boxed.length];
    for (int i = 0; i < boxed.length; i++) {
      vector[i] = boxed[i];
    }
    return vector;
  }
}
