package cn.qdaipark.scenariohub.guide;

import cn.qdaipark.scenariohub.application.PdfUpload;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.conversation.ContactDetails;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.Optional;

/**
 * A call's contact person and 申报指南: whoever may see the call reads them; only its issuer (or an administrator)
 * sets them, on a call that is not archived.
 */
public final class CallGuideService {
  private final Pool pool;
  private final PostingService postings;
  private final CallGuideRepository guides = new CallGuideRepository();

  public CallGuideService(Pool pool, PostingService postings) {
    this.pool = pool;
    this.postings = postings;
  }

  public Future<CallGuide> guide(Optional<CurrentUser> user, long postingId) {
    return postings.get(user, postingId).compose(p -> guides.guide(pool, p.id())).map(g -> g.orElse(CallGuide.NONE));
  }

  public Future<CallGuide.File> download(Optional<CurrentUser> user, long postingId) {
    return postings.get(user, postingId).compose(p -> guides.content(pool, p.id()))
        .map(found -> found.orElseThrow(() -> ApiException.notFound("申报指南")));
  }

  public Future<Void> saveContact(CurrentUser user, long postingId, ContactDetails contact) {
    return issuersCall(user, postingId).compose(p -> guides.saveContact(pool, p.id(), contact, user.id()));
  }

  public Future<Void> saveFile(CurrentUser user, long postingId, PdfUpload file) {
    return issuersCall(user, postingId).compose(p -> guides.saveFile(pool, p.id(), file, user.id()));
  }

  private Future<Posting> issuersCall(CurrentUser user, long postingId) {
    return postings.get(Optional.of(user), postingId).map(p -> {
      if (!user.isAdmin() && !user.belongsTo(p.organizationId())) {
        throw ApiException.forbidden("只有发榜单位可以设置申报指南和联系人");
      }
      if (!"challenge".equals(p.kind())) {
        throw ApiException.validation(Map.of("file", "只有揭榜挂帅榜单有申报指南"));
      }
      if (PostingStatus.ARCHIVED.equals(p.status())) {
        throw ApiException.conflict("该需求已归档，不能再修改");
      }
      return p;
    });
  }
}
