package cn.qdaipark.scenariohub.index;

/** A fast, deterministic stand-in for the real model: character bigrams hashed into a small normalized vector. */
final class HashingEmbedder implements Embedder {
    static final int DIMENSION = 64;

    @Override
    public float[] embed(String text) {
        float[] v = new float[DIMENSION];
        String t = Texts.orEmpty(text);
        for (int i = 0; i + 1 < t.length(); i++) {
            v[Math.floorMod(t.substring(i, i + 2).hashCode(), DIMENSION)] += 1;
        }
        v[0] += 0.01f;
        return Vectors.normalized(v);
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }
}
