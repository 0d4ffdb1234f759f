package cn.qdaipark.scenariohub.showcase;

import cn.qdaipark.scenariohub.lifecycle.TransitionHook;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.OffsetDateTime;

/** A call accepted (已验收) or a demand landed (已落地) becomes a demonstration scenario in the same transaction. */
public final class ScenarioHook implements TransitionHook {
  private final ScenarioRepository scenarios;
  private final Clock clock;

  public ScenarioHook(ScenarioRepository scenarios, Clock clock) {
    this.scenarios = scenarios;
    this.clock = clock;
  }

  static boolean becomesScenario(String kind, String to) {
    return "challenge".equals(kind) ? PostingStatus.ACCEPTED.equals(to) : PostingStatus.LANDED.equals(to);
  }

  @Override
  public Future<Void> after(SqlClient db, Posting posting, String to) {
    return becomesScenario(posting.kind(), to) ? scenarios.create(db, posting.id(), OffsetDateTime.now(clock))
        : Future.succeededFuture();
  }
}
