package cn.qdaipark.scenariohub.contact;

import cn.qdaipark.scenariohub.alert.NotificationRepository;
import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.conversation.ConversationService;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.posting.Posting;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import cn.qdaipark.scenariohub.solution.Solution;
import cn.qdaipark.scenariohub.solution.SolutionRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * 联系对接: an issuer contacts the provider of any published solution (the posting page offers it for the solutions
 * the matcher recommends) about its posting while that posting still seeks solutions, or a buyer contacts one from
 * the solution's page. The first contact is recorded, audited and announced to the provider's members with a link
 * to the thread it opens (on the posting, or on the solution from a buyer's page); a repeated one changes nothing.
 * Either way the caller gets the provider's public contact details and the thread.
 */
public final class ContactService {
  public static final String NOTIFICATION_KIND = "contact";
  /** Public states in which a posting still seeks solutions; closed, decided and unpublished ones do not. */
  private static final Set<String> CONTACTABLE = Set.of(PostingStatus.OPEN, PostingStatus.IN_TALKS, PostingStatus.REVIEW,
      PostingStatus.SHORTLISTED);

  private final Pool pool;
  private final ContactRepository contacts = new ContactRepository();
  private final PostingService postings;
  private final SolutionRepository solutions;
  private final AuditLog audit;
  private final NotificationRepository notifications;
  private final ConversationService conversations;

  public ContactService(Pool pool, PostingService postings, SolutionRepository solutions, AuditLog audit,
                        NotificationRepository notifications, ConversationService conversations) {
    this.pool = pool;
    this.postings = postings;
    this.solutions = solutions;
    this.audit = audit;
    this.notifications = notifications;
    this.conversations = conversations;
  }

  /** The contact, whether this call recorded it (false: it already existed), and the thread with the provider. */
  public record Outcome(Contact contact, boolean created, long conversationId) {
  }

  public Future<Outcome> contactForPosting(CurrentUser user, long postingId, long solutionId) {
    return issuersPosting(user, postingId, "只有发布单位可以联系对接方案")
        .compose(ContactService::seekingSolutions)
        .compose(posting -> published(solutionId).compose(solution -> pool.withTransaction(db ->
            conversations.open(db, postingId, null, posting.organizationId(), solution.organizationId())
                .compose(thread -> contacts.insertForPosting(db, postingId, solutionId, posting.organizationId(), user.id())
                    .compose(created -> !created ? Future.succeededFuture(false)
                        : audit.record(db, user.id(), "posting.contact", "posting", postingId,
                                new JsonObject().put("solutionId", solutionId))
                            .compose(done -> notifications.notifyOrganizations(db, List.of(solution.organizationId()),
                                NOTIFICATION_KIND, postingId, posting.issuer() + "希望与您对接",
                                "关于「" + posting.title() + "」，对方希望就您的方案「" + solution.title()
                                    + "」进一步沟通，请在沟通页面回复", "/conversations/" + thread))
                            .map(true))
                    .compose(created -> contacts.findForPosting(db, postingId, solutionId)
                        .map(found -> new Outcome(found.orElseThrow(), created, thread)))))));
  }

  /** A buyer or government body contacts a provider from the solution's page, without a posting. */
  public Future<Outcome> contactFromBuyer(CurrentUser user, long solutionId) {
    if (user.role() != Role.BUYER && user.role() != Role.GOVERNMENT || user.organizationId() == null) {
      return Future.failedFuture(ApiException.forbidden("只有需求方或政府部门账号可以联系方案提供方"));
    }
    long orgId = user.organizationId();
    return published(solutionId).compose(solution -> pool.withTransaction(db ->
        conversations.open(db, null, solutionId, orgId, solution.organizationId()).compose(thread ->
            contacts.insertFromBuyer(db, solutionId, orgId, user.id())
                .compose(created -> contacts.findFromBuyer(db, orgId, solutionId).map(Optional::orElseThrow)
                    .compose(contact -> !created ? Future.succeededFuture(new Outcome(contact, false, thread))
                        : audit.record(db, user.id(), "solution.contact", "solution", solutionId, null)
                            .compose(done -> notifications.notifyOrganizations(db, List.of(solution.organizationId()),
                                NOTIFICATION_KIND, null, contact.organizationName() + "希望与您对接",
                                "对方希望就您的方案「" + solution.title() + "」进一步沟通，请在沟通页面回复",
                                "/conversations/" + thread))
                            .map(new Outcome(contact, true, thread)))))));
  }

  /** The contacts made for a posting, for its issuer. */
  public Future<List<Contact>> listForPosting(CurrentUser user, long postingId) {
    return issuersPosting(user, postingId, "只有发布单位可以查看对接记录")
        .compose(posting -> contacts.listOfPosting(pool, postingId));
  }

  private Future<Posting> issuersPosting(CurrentUser user, long postingId, String refusal) {
    return postings.get(Optional.of(user), postingId)
        .compose(posting -> user.isAdmin() || user.belongsTo(posting.organizationId()) ? Future.succeededFuture(posting)
            : Future.failedFuture(ApiException.forbidden(refusal)));
  }

  /** Whether the issuer may still contact providers about this posting. */
  public static boolean acceptsContacts(Posting posting) {
    return CONTACTABLE.contains(posting.status());
  }

  private static Future<Posting> seekingSolutions(Posting posting) {
    return acceptsContacts(posting) ? Future.succeededFuture(posting)
        : Future.failedFuture(ApiException.conflict("当前状态为「" + PostingStatus.label(posting.kind(), posting.status())
            + "」，只有征集中、申报中、洽谈中、评审中或入围的榜单和需求可以联系方案提供方"));
  }

  /** Only a published solution can be contacted; any other looks absent, as it does in the catalogue. */
  private Future<Solution> published(long solutionId) {
    return solutions.findById(pool, solutionId)
        .map(found -> found.filter(Solution::isPublished).orElseThrow(() -> ApiException.notFound("方案")));
  }
}
