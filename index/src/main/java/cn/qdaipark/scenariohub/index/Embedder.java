package cn.qdaipark.scenariohub.index;

import java.util.List;

/** Turns text into a dense vector; implementations must be thread-safe. */
public interface Embedder {
    float[] embed(String text);

    /** The vectors of several texts in their order; a model that can batch them does so (bulk imports). */
    default List<float[]> embedAll(List<String> texts) {
        return texts.stream().map(this::embed).toList();
    }

    int dimension();

    /**
     * Names the model whose vectors this embedder makes: vectors of another model are not comparable with them, so
     * stored vectors carry it when they move between instances. An embedder of no published model is known by its class.
     */
    default String modelId() {
        return getClass().getName();
    }
}
