package cn.qdaipark.scenariohub.page;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.contact.Contact;
import cn.qdaipark.scenariohub.contact.ContactService;
import cn.qdaipark.scenariohub.http.ApiException;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** 联系对接 on the posting page: the issuer's button on each matched solution, and the list of providers contacted. */
final class ContactPages {
  private final ContactService contacts;

  ContactPages(ContactService contacts) {
    this.contacts = contacts;
  }

  /** One contacted provider as the posting page lists it: its public details only. */
  record ContactView(long solutionId, String solutionTitle, String provider, boolean verified, String region,
                     String at) {
    static List<ContactView> of(List<Contact> list) {
      return list.stream().map(c -> new ContactView(c.solutionId(), c.solutionTitle(), c.providerName(),
          c.providerVerified(), c.providerRegion(), ChallengePages.display(c.createdAt()))).toList();
    }
  }

  void contact(RoutingContext ctx) {
    CurrentUser user = CurrentUser.required(ctx);
    long id = PageRoutes.pathId(ctx);
    long solutionId = solutionId(ctx);
    contacts.contactForPosting(user, id, solutionId)
        .onSuccess(outcome -> Views.redirect(ctx, "/postings/" + id + "?notice=contacted#contacts"))
        .onFailure(ctx::fail);
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
