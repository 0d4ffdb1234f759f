package cn.qdaipark.scenariohub.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/**
 * An account; {@code requestedOrganizationId} is the organization it asked to join, until a member decides.
 * {@code tokenVersion} is written into each token issued; a password reset raises it, so older tokens are refused.
 */
public record UserAccount(long id, String email, String passwordHash, String displayName, Role role, Long organizationId,
                          Long requestedOrganizationId, int tokenVersion) {

  static UserAccount fromRow(Row row) {
    return new UserAccount(row.getLong("id"), row.getString("email"), row.getString("password_hash"),
        row.getString("display_name"), Role.parse(row.getString("role")).orElseThrow(), row.getLong("organization_id"),
        row.getLong("requested_organization_id"), row.getInteger("token_version"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("email", email)
        .put("displayName", displayName)
        .put("role", role.wire())
        .put("organizationId", organizationId)
        .put("pendingOrganizationId", requestedOrganizationId);
  }
}
