package cn.qdaipark.scenariohub.result;

import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.lifecycle.TransitionHook;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Publishing a result opens its objection period (异议期); delivery starts only once the period is over and every
 * objection has been answered.
 */
public final class ResultHook implements TransitionHook {
  static final Duration OBJECTION_PERIOD = Duration.ofDays(7);

  private final ResultRepository results;
  private final Clock clock;

  public ResultHook(ResultRepository results, Clock clock) {
    this.results = results;
    this.clock = clock;
  }

  @Override
  public Future<Void> before(SqlClient db, Posting posting, String to) {
    if (!PostingStatus.RESULT_PUBLISHED.equals(posting.status()) || !PostingStatus.IN_DELIVERY.equals(to)) {
      return Future.succeededFuture();
    }
    return results.result(db, posting.id())
        .compose(result -> result.isPresent() && OffsetDateTime.now(clock).isBefore(result.get().objectionUntil())
            ? Future.failedFuture(ApiException.conflict("异议期至 " + ResultService.display(result.get().objectionUntil())
                + " 结束，期满后才能进入攻关"))
            : results.unanswered(db, posting.id()))
        .compose(open -> open == 0 ? Future.succeededFuture()
            : Future.failedFuture(ApiException.conflict("还有 " + open + " 条异议尚未答复，答复后才能进入攻关")));
  }

  @Override
  public Future<Void> after(SqlClient db, Posting posting, String to) {
    if (!PostingStatus.RESULT_PUBLISHED.equals(to)) {
      return Future.succeededFuture();
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    return results.saveResult(db, posting.id(), now, now.plus(OBJECTION_PERIOD));
  }
}
