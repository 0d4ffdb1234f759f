package cn.qdaipark.scenariohub.index;

import java.util.LinkedHashMap;
import java.util.Map;

/** Bounded LRU cache in front of an embedder: search boxes repeat the same query texts a lot. */
public final class CachingEmbedder implements Embedder {
    private final Embedder delegate;
    private final Map<String, float[]> cache;

    public CachingEmbedder(Embedder delegate, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.delegate = delegate;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public float[] embed(String text) {
        String key = Texts.orEmpty(text);
        synchronized (cache) {
            float[] hit = cache.get(key);
            if (hit != null) {
                return hit.clone();
            }
        }
        // Embed outside the lock so one slow text does not block every other lookup.
        float[] vector = delegate.embed(key);
        synchronized (cache) {
            cache.put(key, vector.clone());
        }
        return vector;
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    int size() {
        synchronized (cache) {
            return cache.size();
        }
    }
}
