package cn.qdaipark.scenariohub.http;

import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.ext.web.RoutingContext;

/** The reason an admin gives for a moderation decision: required to reject, optional to approve. */
public final class Moderation {
  /** The kind of the notifications telling an organization how its listing (a solution or a posting) was moderated. */
  public static final String KIND = "moderation";
  private Moderation() {
  }

  public static String reason(RoutingContext ctx, boolean approve) {
    Validator v = new Validator(Params.bodyOrEmpty(ctx));
    String reason = v.text("reason", !approve, 2, 500);
    v.throwIfInvalid();
    return reason.isEmpty() ? null : reason;
  }
}
