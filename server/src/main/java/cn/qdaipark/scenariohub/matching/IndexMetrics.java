package cn.qdaipark.scenariohub.matching;

import cn.qdaipark.scenariohub.index.ScenarioIndex;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The index sync on /metrics: how far behind the outbox it is, how often applying failed, how often it healed, and
 * its state (one gauge per state, 1 for the current one), so an alert can fire on a replica that stopped following;
 * and how many segments a match reads.
 */
public final class IndexMetrics implements MeterBinder {
  private final IndexStatus status;
  private final ScenarioIndex index;

  public IndexMetrics(IndexStatus status, ScenarioIndex index) {
    this.status = status;
    this.index = index;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("scenariohub.index.outbox.lag", status, IndexStatus::lag)
        .description("Outbox entries seen but not yet applied to this instance's index")
        .register(registry);
    Gauge.builder("scenariohub.index.segments", index, ScenarioIndex::segmentCount)
        .description("Segments that every match reads, of both sides (one each after a merge)")
        .register(registry);
    FunctionCounter.builder("scenariohub.index.apply.failures", status, IndexStatus::applyFailures)
        .description("Failed attempts to apply the outbox to the index")
        .register(registry);
    FunctionCounter.builder("scenariohub.index.heals", status, IndexStatus::heals)
        .description("Index reopened or rebuilt because applying the outbox kept failing")
        .register(registry);
    for (IndexStatus.State state : IndexStatus.State.values()) {
      Gauge.builder("scenariohub.index.state", status, s -> s.state() == state ? 1 : 0)
          .tag("state", state.name().toLowerCase())
          .description("1 for the index's current state")
          .register(registry);
    }
  }
}
