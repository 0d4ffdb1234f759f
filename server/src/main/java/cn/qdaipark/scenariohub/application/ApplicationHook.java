package cn.qdaipark.scenariohub.application;

import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.lifecycle.TransitionHook;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/** A call is shortlisted or awarded only with applications to show for it; its result closes the others. */
public final class ApplicationHook implements TransitionHook {
  private final ApplicationRepository applications;

  public ApplicationHook(ApplicationRepository applications) {
    this.applications = applications;
  }

  @Override
  public Future<Void> before(SqlClient db, Posting posting, String to) {
    if (PostingStatus.SHORTLISTED.equals(to)) {
      return require(db, posting, Application.SHORTLISTED, "请先将至少一份申报列入入围名单");
    }
    if (PostingStatus.AWARDED.equals(to)) {
      return require(db, posting, Application.AWARDED, "请先确定至少一家揭榜单位");
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> after(SqlClient db, Posting posting, String to) {
    return PostingStatus.RESULT_PUBLISHED.equals(to) || PostingStatus.UNAWARDED.equals(to)
        ? applications.closeOthers(db, posting.id())
        : Future.succeededFuture();
  }

  private Future<Void> require(SqlClient db, Posting posting, String status, String message) {
    return applications.countInStatus(db, posting.id(), status)
        .compose(n -> n > 0 ? Future.succeededFuture() : Future.failedFuture(ApiException.conflict(message)));
  }
}
