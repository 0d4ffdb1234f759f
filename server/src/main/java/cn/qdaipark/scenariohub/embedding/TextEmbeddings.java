package cn.qdaipark.scenariohub.embedding;

import cn.qdaipark.scenariohub.index.Embedder;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs the embedding model off the event loop, in two lanes: single texts (a create or an update someone waits for)
 * on the interactive executor, the texts of a bulk import on an executor of their own, so that an interactive write
 * never queues behind an import however long it is.
 */
public final class TextEmbeddings {
  /**
   * Texts per task of the bulk lane, embedded in one model call: each task is short, so no worker is ever held for a
   * whole import.
   */
  private static final int CHUNK = 8;
  private final Embedder embedder;
  private final WorkerExecutor interactive;
  private final WorkerExecutor bulk;

  public TextEmbeddings(Embedder embedder, WorkerExecutor interactive, WorkerExecutor bulk) {
    this.embedder = embedder;
    this.interactive = interactive;
    this.bulk = bulk;
  }

  public Future<float[]> embed(String text) {
    return interactive.executeBlocking(() -> embedder.embed(text), false);
  }

  /**
   * Vectors in the order of the texts, computed in the bulk lane in tasks of {@link #CHUNK} texts that run as many
   * at a time as it has threads; {@code progress} hears the count done after each one (from worker threads). The
   * texts are taken shortest first, so the texts of one model call are of about the same length and pad little.
   */
  public Future<List<float[]>> embedAll(List<String> texts, IntConsumer progress) {
    Integer[] byLength = new Integer[texts.size()];
    Arrays.setAll(byLength, i -> i);
    Arrays.sort(byLength, Comparator.comparingInt(i -> texts.get(i).length()));
    AtomicInteger finished = new AtomicInteger();
    float[][] vectors = new float[texts.size()][];
    List<Future<Void>> parts = new ArrayList<>();
    for (int from = 0; from < byLength.length; from += CHUNK) {
      Integer[] chunk = Arrays.copyOfRange(byLength, from, Math.min(byLength.length, from + CHUNK));
      parts.add(bulk.executeBlocking(() -> {
        List<float[]> embedded = embedder.embedAll(Arrays.stream(chunk).map(texts::get).toList());
        for (int i = 0; i < chunk.length; i++) {
          vectors[chunk[i]] = embedded.get(i);
        }
        progress.accept(finished.addAndGet(chunk.length));
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
