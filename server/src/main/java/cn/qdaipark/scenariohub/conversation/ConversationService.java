package cn.qdaipark.scenariohub.conversation;

import cn.qdaipark.scenariohub.alert.NotificationRepository;
import cn.qdaipark.scenariohub.application.PdfUpload;
import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.UserAccount;
import cn.qdaipark.scenariohub.auth.UserRepository;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.Page;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.organization.OrganizationRepository;
import cn.qdaipark.scenariohub.posting.PostingService;
import cn.qdaipark.scenariohub.solution.SolutionService;
import cn.qdaipark.scenariohub.validation.Text;
import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;

/**
 * 沟通: threads between the owner of a posting or solution and another organization. Who may open one: a member of
 * either organization, about a record the caller may see (public, or its own), when one of the two organizations
 * owns the record, never with its own organization; admins only read. A thread and everything in it is visible to
 * the members of its two organizations and to admins; to anyone else it does not exist (404). Each message tells the
 * other organization's members (kind {@value #MESSAGE_KIND}), in the message's transaction.
 */
public final class ConversationService {
  public static final String MESSAGE_KIND = "message";
  public static final int MAX_BODY = 2000;
  private static final int PREVIEW = 80;

  private final Vertx vertx;
  private final Pool pool;
  private final ConversationRepository conversations = new ConversationRepository();
  private final PostingService postings;
  private final SolutionService solutions;
  private final OrganizationRepository organizations;
  private final UserRepository users;
  private final AuditLog audit;
  private final NotificationRepository notifications;

  public ConversationService(Vertx vertx, Pool pool, PostingService postings, SolutionService solutions,
                             OrganizationRepository organizations, UserRepository users, AuditLog audit,
                             NotificationRepository notifications) {
    this.vertx = vertx;
    this.pool = pool;
    this.postings = postings;
    this.solutions = solutions;
    this.organizations = organizations;
    this.users = users;
    this.audit = audit;
    this.notifications = notifications;
  }

  /** A thread as its reader sees it: messages (one page, oldest first) and the contact details shown to them. */
  public record Thread(Conversation conversation, Page<Message> messages, PageRequest page,
                       Optional<SharedContact> counterpartContact, Optional<SharedContact> ownContact,
                       ContactPrefill prefill, boolean readOnly) {
  }

  /** What the share form starts with before the organization shared anything: the reader's own name and e-mail. */
  public record ContactPrefill(String name, String email) {
  }

  /** The reader's threads, newest activity first, and their unread messages across all threads. */
  public record Inbox(Page<Conversation> page, long unread) {
  }

  /** The thread's id and whether this call created it. */
  public record Opened(long id, boolean created) {
  }

  /**
   * Opens (or finds) the thread about the posting or the solution (exactly one non-null) between the two
   * organizations, inside the caller's transaction; idempotent, and two opens at once yield one thread. The
   * caller has checked who may open it.
   */
  public Future<Long> open(SqlClient tx, Long postingId, Long solutionId, long fromOrganizationId,
                           long toOrganizationId) {
    if ((postingId == null) == (solutionId == null) || fromOrganizationId == toOrganizationId) {
      return Future.failedFuture(new IllegalArgumentException("a thread is about one record between two organizations"));
    }
    return conversations.open(tx, postingId, solutionId, fromOrganizationId, toOrganizationId)
        .map(ConversationRepository.Opened::id);
  }

  /** {@code POST /conversations}: opens or finds the thread, and posts {@code body} into it when there is one. */
  public Future<Opened> open(CurrentUser user, JsonObject input) {
    if (user.isAdmin()) {
      return Future.failedFuture(ApiException.forbidden("管理员只能查看沟通，不能发起"));
    }
    long from = user.organization();
    Validator v = new Validator(input);
    long postingId = v.wholeNumber("postingId", 0, 1, Long.MAX_VALUE);
    long solutionId = v.wholeNumber("solutionId", 0, 1, Long.MAX_VALUE);
    long to = v.wholeNumber("organizationId", 0, 1, Long.MAX_VALUE);
    String body = v.text("body", false, 0, MAX_BODY);
    v.check((postingId > 0) != (solutionId > 0), "postingId", "postingId 与 solutionId 必须且只能填写一个");
    v.check(to > 0, "organizationId", "必填");
    v.check(to != from, "organizationId", "不能与本单位发起沟通");
    v.throwIfInvalid();
    Long posting = postingId > 0 ? postingId : null;
    Long solution = solutionId > 0 ? solutionId : null;
    return owner(user, posting, solution)
        .compose(owner -> owner == from || owner == to ? organizations.findById(pool, to)
            : Future.failedFuture(ApiException.forbidden("沟通只能在发布单位与另一单位之间进行")))
        .compose(counterpart -> counterpart.isPresent() ? Future.succeededFuture()
            : Future.failedFuture(ApiException.notFound("单位")))
        .compose(found -> pool.withTransaction(db -> conversations.open(db, posting, solution, from, to)
            .compose(opened -> !opened.created() ? Future.succeededFuture(opened)
                : audit.record(db, user.id(), "conversation.open", "conversation", opened.id(),
                    new JsonObject().put("postingId", posting).put("solutionId", solution).put("organizationId", to))
                    .map(opened))
            .compose(opened -> body.isEmpty() ? Future.succeededFuture(opened)
                : conversations.findById(db, opened.id()).map(Optional::orElseThrow)
                    .compose(c -> insertMessage(db, user, c, body, null)).map(opened))))
        .map(opened -> new Opened(opened.id(), opened.created()));
  }

  /** The owner of the record, if the caller may see it (a hidden or missing record is a 404). */
  private Future<Long> owner(CurrentUser user, Long postingId, Long solutionId) {
    return postingId != null ? postings.get(Optional.of(user), postingId).map(p -> p.organizationId())
        : solutions.get(Optional.of(user), solutionId).map(s -> s.organizationId());
  }

  public Future<Inbox> inbox(CurrentUser user, PageRequest page) {
    if (user.isAdmin()) {
      return conversations.listAll(pool, page).map(list -> new Inbox(list, 0));
    }
    long org = user.organization();
    return conversations.listOf(pool, org, user.id(), page)
        .compose(list -> conversations.unreadTotal(pool, org, user.id()).map(unread -> new Inbox(list, unread)));
  }

  /** Unread messages across the reader's threads; 0 for an account without an organization. */
  public Future<Long> unreadTotal(CurrentUser user) {
    return user.organizationId() == null ? Future.succeededFuture(0L)
        : conversations.unreadTotal(pool, user.organizationId(), user.id());
  }

  /** The thread as the reader sees it; a member's reading marks it read. */
  public Future<Thread> read(CurrentUser user, long id, PageRequest page) {
    return visible(user, id)
        .compose(c -> (c.involves(user.organizationId()) ? conversations.markRead(pool, id, user.id())
            : Future.<Void>succeededFuture())
            .compose(done -> Future.all(conversations.messages(pool, id, page), conversations.contacts(pool, id),
                users.findById(pool, user.id())))
            .map(all -> {
              Page<Message> messages = all.resultAt(0);
              List<SharedContact> contacts = all.resultAt(1);
              Optional<UserAccount> account = all.resultAt(2);
              Long own = c.involves(user.organizationId()) ? user.organizationId() : null;
              Optional<SharedContact> ownContact = contacts.stream()
                  .filter(x -> own != null && x.organizationId() == own).findFirst();
              Optional<SharedContact> counterpart = contacts.stream()
                  .filter(x -> x.shared() && (own == null || x.organizationId() != own)).findFirst();
              return new Thread(new Conversation(c.id(), c.postingId(), c.solutionId(), c.subjectTitle(), c.ownerId(),
                  c.low(), c.high(), c.createdAt(), c.lastMessageAt(), 0), messages, page, counterpart, ownContact,
                  new ContactPrefill(account.map(a -> a.displayName()).orElse(""),
                      account.map(a -> a.email()).orElse("")), own == null);
            }));
  }

  /**
   * Posts a message with an optional PDF. The caller's right to write is checked before the file is read; the
   * body may be empty only when a file comes with it.
   */
  public Future<Message> post(CurrentUser user, long id, JsonObject input, FileUpload file) {
    return writable(user, id).compose(c -> {
      Validator v = new Validator(input);
      String body = v.text("body", file == null, file == null ? 1 : 0, MAX_BODY);
      v.throwIfInvalid();
      return (file == null ? Future.<PdfUpload>succeededFuture(null) : PdfUpload.read(vertx, file))
          .compose(pdf -> pool.withTransaction(db -> insertMessage(db, user, c, body, pdf)))
          .compose(messageId -> conversations.messages(pool, id, new PageRequest(1, 1)))
          .map(page -> page.items().get(0));
    });
  }

  private Future<Long> insertMessage(SqlClient db, CurrentUser user, Conversation c, String body, PdfUpload pdf) {
    long from = user.organization();
    Conversation.Party sender = c.party(from);
    return conversations.insertMessage(db, c.id(), from, user.id(), body)
        .compose(messageId -> (pdf == null ? Future.<Void>succeededFuture()
            : conversations.insertAttachment(db, c.id(), messageId, pdf, user.id()))
            .compose(done -> conversations.markRead(db, c.id(), user.id()))
            .compose(done -> audit.record(db, user.id(), "conversation.message", "conversation", c.id(),
                new JsonObject().put("messageId", messageId)
                    .put("attachment", pdf == null ? null : new JsonObject().put("fileName", pdf.fileName())
                        .put("sha256", pdf.sha256()))))
            .compose(done -> notifications.notifyOrganizations(db, List.of(c.counterpart(from).id()), MESSAGE_KIND,
                c.postingId(), sender.name() + "发来新消息：" + c.subjectTitle(), preview(body, pdf),
                "/conversations/" + c.id()))
            .map(messageId));
  }

  private static String preview(String body, PdfUpload pdf) {
    String text = Text.clip(body, PREVIEW);
    return pdf == null ? text : (text.isEmpty() ? "" : text + "\n") + "附件：" + pdf.fileName();
  }

  public Future<MessageFile> attachment(CurrentUser user, long id, long attachmentId) {
    return visible(user, id).compose(c -> conversations.attachment(pool, id, attachmentId))
        .map(found -> found.orElseThrow(() -> ApiException.notFound("附件")));
  }

  /** Shows the organization's contact person to the other side of this thread (updating what it showed). */
  public Future<SharedContact> share(CurrentUser user, long id, JsonObject input) {
    return writable(user, id).compose(c -> {
      ContactDetails details = ContactDetails.read(input);
      long org = user.organization();
      return pool.withTransaction(db -> conversations.share(db, id, org, user.id(), details)
          .compose(shared -> audit.record(db, user.id(), "conversation.contact.share", "conversation", id,
              new JsonObject().put("organizationId", org)).map(shared)));
    });
  }

  /** Hides the organization's contact person from the other side again; hiding what is hidden changes nothing. */
  public Future<Void> unshare(CurrentUser user, long id) {
    return writable(user, id).compose(c -> pool.withTransaction(db -> conversations.unshare(db, id,
            user.organization(), user.id())
        .compose(hidden -> !hidden ? Future.<Void>succeededFuture()
            : audit.record(db, user.id(), "conversation.contact.unshare", "conversation", id,
                new JsonObject().put("organizationId", user.organization())))));
  }

  /** The thread if the caller may read it; anyone else gets the 404 of a thread that does not exist. */
  private Future<Conversation> visible(CurrentUser user, long id) {
    return conversations.findById(pool, id).map(found -> found
        .filter(c -> user.isAdmin() || c.involves(user.organizationId()))
        .orElseThrow(() -> ApiException.notFound("沟通")));
  }

  /** The thread if the caller may write in it: members only; an admin's view is read-only (403). */
  private Future<Conversation> writable(CurrentUser user, long id) {
    return visible(user, id).compose(c -> c.involves(user.organizationId()) ? Future.succeededFuture(c)
        : Future.failedFuture(ApiException.forbidden("管理员只能查看沟通，不能发言")));
  }
}
