package cn.qdaipark.scenariohub.index;

/** Turns text into a dense vector; implementations must be thread-safe. */
public interface Embedder {
    float[] embed(String text);

    int dimension();
}
