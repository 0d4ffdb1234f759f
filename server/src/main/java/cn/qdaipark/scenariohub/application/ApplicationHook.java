package cn.qdaipark.scenariohub.application;

import cn.qdaipark.scenariohub.alert.NotificationRepository;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.lifecycle.TransitionHook;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * A call is shortlisted or awarded only with applications to show for it; its result (or closing without award)
 * closes the others, and their applicant organizations are told.
 */
public final class ApplicationHook implements TransitionHook {
  private final ApplicationRepository applications;
  private final NotificationRepository notifications;

  public ApplicationHook(ApplicationRepository applications, NotificationRepository notifications) {
    this.applications = applications;
    this.notifications = notifications;
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
    if (!PostingStatus.RESULT_PUBLISHED.equals(to) && !PostingStatus.UNAWARDED.equals(to)) {
      return Future.succeededFuture();
    }
    boolean unawarded = PostingStatus.UNAWARDED.equals(to);
    return applications.closeOthers(db, posting.id())
        .compose(orgs -> orgs.isEmpty() ? Future.succeededFuture()
            : notifications.notifyOrganizations(db, orgs, "application_not_awarded", posting.id(),
                (unawarded ? "榜单流榜，申报已关闭：" : "揭榜结果已公布，您的申报未获选：") + posting.title(),
                unawarded ? "发布单位未确定揭榜单位，本榜单已流榜。" : "感谢参与，可在榜单页查看公布的揭榜结果。",
                "/postings/" + posting.id()));
  }

  private Future<Void> require(SqlClient db, Posting posting, String status, String message) {
    return applications.countInStatus(db, posting.id(), status)
        .compose(n -> n > 0 ? Future.succeededFuture() : Future.failedFuture(ApiException.conflict(message)));
  }
}
