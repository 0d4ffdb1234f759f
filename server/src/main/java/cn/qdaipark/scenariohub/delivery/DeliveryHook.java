package cn.qdaipark.scenariohub.delivery;

import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.lifecycle.TransitionHook;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/** A call goes from delivery (攻关中) to acceptance (验收中) only with an accepted plan whose milestones are all accepted. */
public final class DeliveryHook implements TransitionHook {
  private final DeliveryRepository repository;

  public DeliveryHook(DeliveryRepository repository) {
    this.repository = repository;
  }

  @Override
  public Future<Void> before(SqlClient db, Posting posting, String to) {
    if (!PostingStatus.IN_DELIVERY.equals(posting.status()) || !PostingStatus.ACCEPTANCE.equals(to)) {
      return Future.succeededFuture();
    }
    return repository.lockPlan(db, posting.id()).compose(plan -> plan.isPresent() && plan.get().accepted()
            ? repository.unacceptedMilestones(db, posting.id())
            : Future.failedFuture(ApiException.conflict("交付计划尚未经发榜单位确认，不能申请验收")))
        .compose(open -> open == 0 ? Future.<Void>succeededFuture()
            : Future.failedFuture(ApiException.conflict("还有 " + open + " 个里程碑未通过发榜单位确认，全部确认后才能申请验收")));
  }
}
