package cn.qdaipark.scenariohub.index;

import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;

/**
 * bge-small-zh-v1.5 running in-process on ONNX. Loading takes seconds, so create one per JVM and share it.
 */
public final class BgeSmallZhEmbedder implements Embedder {
    public static final int DIMENSION = 512;
    /** The model window is 512 tokens; Chinese is about one token per character, so cut before that. */
    static final int MAX_CHARS = 500;

    private final BgeSmallZhV15EmbeddingModel model = new BgeSmallZhV15EmbeddingModel();

    @Override
    public float[] embed(String text) {
        String input = Texts.isBlank(text) ? " " : text.strip();
        if (input.length() > MAX_CHARS) {
            input = input.substring(0, MAX_CHARS);
        }
        return Vectors.normalized(model.embed(input).content().vector());
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }
}
