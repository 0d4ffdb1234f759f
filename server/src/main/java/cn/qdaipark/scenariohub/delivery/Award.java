package cn.qdaipark.scenariohub.delivery;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;

/** The awarded application of a call: its lead organization and its confirmed consortium partners. */
public record Award(long applicationId, long leadOrganizationId, String lead, List<Long> partnerOrganizationIds) {
  static Award fromRow(Row row) {
    Long[] partners = row.getArrayOfLongs("partners");
    return new Award(row.getLong("id"), row.getLong("lead_org_id"), row.getString("lead"),
        partners == null ? List.of() : new ArrayList<>(List.of(partners)));
  }

  public boolean isLead(CurrentUser user) {
    return user.organizationId() != null && user.belongsTo(leadOrganizationId);
  }

  public boolean inConsortium(CurrentUser user) {
    return isLead(user) || user.organizationId() != null && partnerOrganizationIds.contains(user.organizationId());
  }
}
