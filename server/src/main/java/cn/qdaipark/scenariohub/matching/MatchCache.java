package cn.qdaipark.scenariohub.matching;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The index's answers to recent matches, each valid for the index generation it was computed on (see
 * ScenarioIndex#generation): a call page that many people open costs one match until the index changes. Only what
 * the index ranked is kept; the records shown are read fresh each time, so nothing unpublished or edited since is
 * served from here. Least recently used entries go first; {@code capacity} 0 keeps nothing.
 */
final class MatchCache<K, V> implements MeterBinder {
  private record Entry<V>(long generation, V value) {
  }

  private final String name;
  private final int capacity;
  private final Map<K, Entry<V>> entries;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  MatchCache(String name, int capacity) {
    this.name = name;
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
        return size() > MatchCache.this.capacity;
      }
    };
  }

  /**
   * The value computed on this generation of the index, or else {@code compute}'s, kept for the generation read
   * before it started: a value computed while the index changed counts only until the next lookup.
   */
  Future<V> answer(K key, long generation, Supplier<Future<V>> compute) {
    V known = get(key, generation);
    return known != null ? Future.succeededFuture(known)
        : compute.get().onSuccess(value -> put(key, generation, value));
  }

  private V get(K key, long generation) {
    if (capacity == 0) {
      return null;
    }
    Entry<V> entry;
    synchronized (entries) {
      entry = entries.get(key);
    }
    if (entry != null && entry.generation() == generation) {
      hits.incrementAndGet();
      return entry.value();
    }
    misses.incrementAndGet();
    return null;
  }

  private void put(K key, long generation, V value) {
    if (capacity == 0) {
      return;
    }
    synchronized (entries) {
      Entry<V> current = entries.get(key);
      if (current == null || current.generation() <= generation) {
        entries.put(key, new Entry<>(generation, value));
      }
    }
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    FunctionCounter.builder("scenariohub.match.cache.hits", hits, AtomicLong::get).tag("cache", name)
        .description("Matches answered from the index's recent answers").register(registry);
    FunctionCounter.builder("scenariohub.match.cache.misses", misses, AtomicLong::get).tag("cache", name)
        .description("Matches the index computed").register(registry);
  }
}
