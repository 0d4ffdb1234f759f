package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.application.Application;
import cn.qdaipark.scenariohub.application.ApplicationRoutes;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.posting.Posting;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A consortium invitation as the invited partner sees it: who leads, which call, and the two answers. Declining asks
 * once more before it is sent, since only a new invitation from the lead undoes it.
 */
final class InvitationPages {
  private final Views views;
  private final PageRoutes.Services s;
  private final PageRoutes.Workflow w;

  InvitationPages(Views views, PageRoutes.Services s, PageRoutes.Workflow w) {
    this.views = views;
    this.s = s;
    this.w = w;
  }

  void show(RoutingContext ctx) {
    show(ctx, 200, "", false, Map.of());
  }

  void decline(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    String typed = Optional.ofNullable(ctx.request().getFormAttribute("reason")).orElse("");
    boolean confirmed = "true".equals(ctx.request().getFormAttribute("confirm"));
    String reason;
    try {
      reason = ApplicationRoutes.declineReason(new JsonObject().put("reason", typed));
    } catch (ApiException invalid) {
      show(ctx, 400, typed, false, Forms.problems(invalid).orElseThrow());
      return;
    }
    if (!confirmed || user.organizationId() == null) {
      show(ctx, 200, typed, true, Map.of());
      return;
    }
    w.applications().declinePartner(user, id, user.organizationId(), reason)
        .onSuccess(a -> Views.redirect(ctx, "/workspace?notice=invitation_declined"))
        .onFailure(failure -> Forms.problems(failure).ifPresentOrElse(
            errors -> show(ctx, ((ApiException) failure).status(), typed, false, errors), () -> ctx.fail(failure)));
  }

  private void show(RoutingContext ctx, int status, String typedReason, boolean asking, Map<String, String> errors) {
    CurrentUser user = CurrentUser.required(ctx);
    Messages m = Views.messages(ctx);
    long id = PageRoutes.pathId(ctx);
    w.applications().get(user, id)
        .compose(a -> a.partners().stream().filter(p -> user.belongsTo(p.organizationId())).findFirst()
            .map(invitation -> s.postings().get(Optional.of(user), a.postingId())
                .map(posting -> model(a, invitation, posting, m)))
            .orElseGet(() -> Future.failedFuture(ApiException.forbidden("只有受邀单位可以查看该联合体邀请"))))
        .onSuccess(model -> {
          model.put("reason", typedReason);
          model.put("asking", asking);
          model.put("errors", MessageTranslator.fields(errors, m));
          model.put("hasErrors", !errors.isEmpty());
          views.render(ctx, status, "invitation", (String) model.get("pageTitle"), model);
        })
        .onFailure(ctx::fail);
  }

  private Map<String, Object> model(Application a, Application.Partner invitation, Posting posting, Messages m) {
    boolean open = Application.SUBMITTED.equals(a.status());
    Map<String, Object> model = new HashMap<>();
    model.put("applicationId", a.id());
    model.put("p", Cards.posting(posting, m, LocalDate.now(s.clock())));
    model.put("lead", a.leadOrganization());
    model.put("partner", invitation.name());
    model.put("state", invitation.state());
    model.put("stateLabel", m.get("partner_" + invitation.state()));
    model.put("declineReason", invitation.declineReason());
    model.put("answerable", open && Application.Partner.INVITED.equals(invitation.state()));
    model.put("pageTitle", m.format("invitation_title", posting.title()));
    model.put("section", "workspace");
    return model;
  }
}
