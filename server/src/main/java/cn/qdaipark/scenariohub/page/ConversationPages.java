package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.application.AttachmentRoutes;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.conversation.Conversation;
import cn.qdaipark.scenariohub.conversation.ConversationRoutes;
import cn.qdaipark.scenariohub.conversation.ConversationService;
import cn.qdaipark.scenariohub.conversation.Message;
import cn.qdaipark.scenariohub.conversation.SharedContact;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.http.Params;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * 沟通 on the pages: the list of the person's threads with unread badges, a thread with its messages, the message
 * form (text and an optional PDF) and the form sharing the organization's contact person. The rules are the
 * conversation service's; a refused input comes back next to its field.
 */
final class ConversationPages {
  private static final int LIST_SIZE = 20;
  private static final int MESSAGES_SIZE = 50;
  private static final List<String> NOTICES = List.of("contacted", "sent", "contact_shared", "contact_hidden");
  /** Refusals of a message shown next to the form rather than as an error page. */
  private static final Set<Integer> FIELD_STATUSES = Set.of(400, 413, 415);

  private final Views views;
  private final ConversationService conversations;

  ConversationPages(Views views, ConversationService conversations) {
    this.views = views;
    this.conversations = conversations;
  }

  record Row(long id, String counterpart, String subject, String subjectUrl, String kind, String when, long unread) {
  }

  record MessageView(long id, boolean mine, String organization, String author, String body, String when,
                     Long attachmentId, String fileName, String size) {
  }

  record ContactView(String name, String phone, String email) {
    static ContactView of(SharedContact c) {
      return new ContactView(c.name(), c.phone(), c.email());
    }
  }

  /**
   * Whether a record's page offers "发消息/沟通" to this person: a member of an organization other than the
   * record's owner, on a public record (the thread's rule; admins only read).
   */
  static boolean mayMessage(Optional<CurrentUser> user, long ownerOrganizationId, boolean isPublic) {
    return isPublic && user.map(u -> !u.isAdmin() && u.organizationId() != null
        && u.organizationId() != ownerOrganizationId).orElse(false);
  }

  void list(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    Messages m = Views.messages(ctx);
    int number = Pager.number(ctx.queryParams().get("page"));
    conversations.inbox(user, new PageRequest(number, LIST_SIZE))
        .onSuccess(inbox -> {
          Map<String, Object> model = new HashMap<>();
          model.put("rows", inbox.page().items().stream().map(c -> new Row(c.id(), counterpart(c, user),
              c.subjectTitle(), c.subjectUrl(), m.get(c.postingId() != null ? "conv_about_posting" : "conv_about_solution"),
              ChallengePages.display(c.lastMessageAt()), c.unread())).toList());
          model.put("unread", inbox.unread());
          model.put("admin", user.isAdmin());
          model.put("pager", Pager.of(Query.empty(), "/conversations", number, LIST_SIZE, inbox.page().total()));
          views.render(ctx, "conversations", m.get("conv_title"), model);
        })
        .onFailure(ctx::fail);
  }

  void thread(RoutingContext ctx) {
    show(ctx, 200, Map.of(), Map.of());
  }

  /** The "发消息/沟通" buttons: opens or finds the thread and goes there. */
  void open(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    JsonObject input = new JsonObject();
    for (String field : List.of("postingId", "solutionId", "organizationId")) {
      String raw = form.get(field) == null ? "" : form.get(field).strip();
      if (!raw.isEmpty()) {
        input.put(field, raw.matches("\\d{1,18}") ? (Object) Long.parseLong(raw) : raw);
      }
    }
    conversations.open(CurrentUser.required(ctx), input)
        .onSuccess(opened -> Views.redirect(ctx, "/conversations/" + opened.id()))
        .onFailure(ctx::fail);
  }

  void send(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    String body = ctx.request().getFormAttribute("body");
    Future.succeededFuture(ctx).map(ConversationRoutes::optionalFile)
        .compose(file -> conversations.post(user, id, new JsonObject().put("body", body), file))
        .onSuccess(sent -> Views.redirect(ctx, "/conversations/" + id + "?notice=sent#m" + sent.id()))
        .onFailure(failure -> {
          if (failure instanceof ApiException api && FIELD_STATUSES.contains(api.status())) {
            JsonObject fields = api.toJson().getJsonObject("error").getJsonObject("fields");
            Map<String, String> errors = new HashMap<>();
            if (fields != null) {
              fields.forEach(e -> errors.put(e.getKey(), String.valueOf(e.getValue())));
            } else {
              errors.put("file", api.getMessage());
            }
            show(ctx, api.status(), errors, Map.of("body", body == null ? "" : body));
          } else {
            ctx.fail(failure);
          }
        });
  }

  void share(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    JsonObject input = new JsonObject().put("name", form.get("name")).put("phone", form.get("phone"))
        .put("email", form.get("email"));
    long id = PageRoutes.pathId(ctx);
    conversations.share(CurrentUser.required(ctx), id, input)
        .onSuccess(shared -> Views.redirect(ctx, "/conversations/" + id + "?notice=contact_shared#contact"))
        .onFailure(e -> Forms.problems(e).ifPresentOrElse(errors -> show(ctx, 400, errors, Forms.typed(input)),
            () -> ctx.fail(e)));
  }

  void unshare(RoutingContext ctx) {
    long id = PageRoutes.pathId(ctx);
    conversations.unshare(CurrentUser.required(ctx), id)
        .onSuccess(done -> Views.redirect(ctx, "/conversations/" + id + "?notice=contact_hidden#contact"))
        .onFailure(ctx::fail);
  }

  void download(RoutingContext ctx) {
    conversations.attachment(CurrentUser.required(ctx), PageRoutes.pathId(ctx), Params.pathId(ctx, "attachmentId"))
        .onSuccess(file -> AttachmentRoutes.sendPdf(ctx, file.fileName(), file.sha256(), file.bytes()))
        .onFailure(ctx::fail);
  }

  private void show(RoutingContext ctx, int status, Map<String, String> errors, Map<String, Object> typed) {
    CurrentUser user = CurrentUser.required(ctx);
    Messages m = Views.messages(ctx);
    long id = PageRoutes.pathId(ctx);
    int number = Pager.number(ctx.queryParams().get("page"));
    conversations.read(user, id, new PageRequest(number, MESSAGES_SIZE))
        .onSuccess(t -> {
          Conversation c = t.conversation();
          Map<String, Object> model = new HashMap<>();
          String notice = ctx.queryParams().get("notice");
          model.put("notice", notice != null && NOTICES.contains(notice) ? m.get("conv_notice_" + notice) : null);
          model.put("c", c);
          model.put("counterpart", t.readOnly() ? c.low().name() + " ↔ " + c.high().name()
              : c.counterpart(user.organizationId()).name());
          model.put("counterpartId", c.counterpart(user.organizationId()).id());
          model.put("subjectUrl", c.subjectUrl());
          model.put("about", m.get(c.postingId() != null ? "conv_about_posting" : "conv_about_solution"));
          model.put("readOnly", t.readOnly());
          model.put("messages", t.messages().items().stream().map(msg -> view(msg, user)).toList());
          model.put("pager", Pager.of(Query.empty(), "/conversations/" + id, number, MESSAGES_SIZE,
              t.messages().total()));
          model.put("theirContact", t.counterpartContact().map(ContactView::of).orElse(null));
          boolean shared = t.ownContact().map(SharedContact::shared).orElse(false);
          model.put("shared", shared);
          Map<String, Object> contactForm = new HashMap<>();
          contactForm.put("name", t.ownContact().map(SharedContact::name).orElse(t.prefill().name()));
          contactForm.put("phone", t.ownContact().map(SharedContact::phone).orElse(""));
          contactForm.put("email", t.ownContact().map(SharedContact::email).orElse(t.prefill().email()));
          contactForm.putAll(typed);
          model.put("form", contactForm);
          model.put("body", typed.getOrDefault("body", ""));
          model.put("errors", MessageTranslator.fields(errors, m));
          model.put("hasErrors", !errors.isEmpty());
          model.put("maxBody", ConversationService.MAX_BODY);
          views.render(ctx, status, "conversation", m.get("conv_title") + " · " + c.subjectTitle(), model);
        })
        .onFailure(ctx::fail);
  }

  private static MessageView view(Message msg, CurrentUser user) {
    boolean mine = user.belongsTo(msg.organizationId());
    Message.Attachment a = msg.attachment();
    return new MessageView(msg.id(), mine, msg.organizationName(),
        msg.authorVisibleTo(user.organizationId(), user.isAdmin()) ? msg.author() : null, msg.body(),
        ChallengePages.display(msg.createdAt()), a == null ? null : a.id(), a == null ? null : a.fileName(),
        a == null ? null : AttachmentPages.AttachmentView.size(a.size()));
  }

  private static String counterpart(Conversation c, CurrentUser user) {
    return c.involves(user.organizationId()) ? c.counterpart(user.organizationId()).name()
        : c.low().name() + " ↔ " + c.high().name();
  }
}
