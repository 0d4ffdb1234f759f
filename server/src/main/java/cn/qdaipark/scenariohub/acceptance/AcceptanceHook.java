package cn.qdaipark.scenariohub.acceptance;

import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.lifecycle.TransitionHook;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.Set;

/**
 * Keeps the panel in the loop: a call entering acceptance opens its next round; it leaves acceptance (accepted,
 * back to delivery, failed) only through a round the issuer concluded with that outcome in the same transaction,
 * never by the generic move. A demand lands only with the buyer's passed acceptance of its pilot.
 */
public final class AcceptanceHook implements TransitionHook {
  static final String PANEL_REQUIRED = "验收结论须由验收专家组评分后，由发布单位在验收页作出，不能直接变更状态";
  public static final String DEMAND_ACCEPTANCE_REQUIRED = "需求方须先提交试点验收，验收通过后需求才能标记为已落地";
  private static final Set<String> OUTCOMES = Set.of(PostingStatus.ACCEPTED, PostingStatus.IN_DELIVERY, PostingStatus.FAILED);

  private final AcceptanceRepository rounds;

  public AcceptanceHook(AcceptanceRepository rounds) {
    this.rounds = rounds;
  }

  @Override
  public Future<Void> before(SqlClient db, Posting posting, String to) {
    if (PostingStatus.ACCEPTANCE.equals(posting.status()) && OUTCOMES.contains(to)) {
      return rounds.latest(db, posting.id()).compose(round -> round.filter(r -> !r.open() && to.equals(r.outcome()))
          .isPresent() ? Future.succeededFuture() : Future.failedFuture(ApiException.conflict(PANEL_REQUIRED)));
    }
    if ("demand".equals(posting.kind()) && PostingStatus.PILOT.equals(posting.status())
        && PostingStatus.LANDED.equals(to)) {
      return rounds.demandPassed(db, posting.id()).compose(passed -> passed ? Future.succeededFuture()
          : Future.failedFuture(ApiException.conflict(DEMAND_ACCEPTANCE_REQUIRED)));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> after(SqlClient db, Posting posting, String to) {
    return PostingStatus.ACCEPTANCE.equals(to) ? rounds.open(db, posting.id()).mapEmpty() : Future.succeededFuture();
  }
}
