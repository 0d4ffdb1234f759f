package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.contact.Contact;
import cn.qdaipark.scenariohub.contact.ContactService;
import cn.qdaipark.scenariohub.http.ApiException;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/**
 * 联系对接: the issuer's button on each solution matched to its posting (and the list of providers contacted), and
 * a buyer's button on a solution's page.
 */
final class ContactPages {
  private final ContactService contacts;

  ContactPages(ContactService contacts) {
    this.contacts = contacts;
  }

  /** One contacted provider as the posting page lists it: its public details only. */
  record ContactView(long solutionId, String solutionTitle, long providerId, String provider, boolean verified,
                     String region, String at) {
    static List<ContactView> of(List<Contact> list, Messages m) {
      return list.stream().map(c -> new ContactView(c.solutionId(), c.solutionTitle(), c.providerId(), c.providerName(),
          c.providerVerified(), Terms.name(m, c.providerRegion()), ChallengePages.display(c.createdAt()))).toList();
    }
  }

  void contact(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    long solutionId = solutionId(ctx);
    contacts.contactForPosting(user, id, solutionId)
        .onSuccess(outcome -> Views.redirect(ctx, "/conversations/" + outcome.conversationId() + "?notice=contacted"))
        .onFailure(ctx::fail);
  }

  /** A buyer's or government body's 联系对接 on a solution's page, without a posting. */
  void contactFromSolution(RoutingContext ctx) {
    long id = PageRoutes.pathId(ctx);
    contacts.contactFromBuyer(CurrentUser.required(ctx), id)
        .onSuccess(outcome -> Views.redirect(ctx, "/conversations/" + outcome.conversationId() + "?notice=contacted"))
        .onFailure(ctx::fail);
  }

  /** Whether the solution page offers the button: to buyers and government bodies, on a published solution. */
  static boolean mayContact(Optional<CurrentUser> user, boolean published) {
    return published && user.map(u -> u.role() == Role.BUYER || u.role() == Role.GOVERNMENT).orElse(false);
  }

  /** The button's hidden field; anything else names no solution. */
  private static long solutionId(RoutingContext ctx) {
    try {
      return Long.parseLong(String.valueOf(ctx.request().getFormAttribute("solutionId")).strip());
    } catch (NumberFormatException e) {
      throw ApiException.notFound("方案");
    }
  }
}
