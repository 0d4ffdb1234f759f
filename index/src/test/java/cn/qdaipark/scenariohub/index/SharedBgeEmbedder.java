package cn.qdaipark.scenariohub.index;

/** Loads the real model once per test JVM: it takes seconds and hundreds of megabytes. */
final class SharedBgeEmbedder {
    private static volatile BgeSmallZhEmbedder model;
    private static volatile Embedder instance;

    private SharedBgeEmbedder() {
    }

    static Embedder get() {
        if (instance == null) {
            synchronized (SharedBgeEmbedder.class) {
                if (instance == null) {
                    instance = new CachingEmbedder(model(), 2_000);
                }
            }
        }
        return instance;
    }

    /** The model itself, without the cache in front. */
    static BgeSmallZhEmbedder model() {
        if (model == null) {
            synchronized (SharedBgeEmbedder.class) {
                if (model == null) {
                    model = new BgeSmallZhEmbedder();
                }
            }
        }
        return model;
    }
}
