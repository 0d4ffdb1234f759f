package cn.qdaipark.scenariohub.delivery;

import cn.qdaipark.scenariohub.posting.Posting;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The delivery of one awarded call as a viewer sees it: the plan and milestones (public), the funding awarded and
 * released (public), the reports with their values and evidence (the parties only) and the timeline.
 */
public record Delivery(Posting posting, Award award, Optional<DeliveryPlan> plan, List<Milestone> milestones,
                       Map<Long, List<MilestoneReport>> reports, List<FundingRelease> releases,
                       List<DeliveryRepository.Event> timeline, Viewer viewer, LocalDate today) {

  /** The caller's part: the lead edits, the issuer decides, insiders (these two, partners, admins) read reports. */
  public record Viewer(boolean lead, boolean issuer, boolean insider) {
  }

  /** The amount awarded: the call's support funding (万元). */
  public long awardedWan() {
    return posting.budgetWan();
  }

  public long releasedWan() {
    return releases.stream().mapToLong(FundingRelease::amountWan).sum();
  }

  public long releasedWan(long milestoneId) {
    return releases.stream().filter(r -> r.milestoneId() == milestoneId).mapToLong(FundingRelease::amountWan).sum();
  }

  public List<MilestoneReport> reportsOf(long milestoneId) {
    return reports.getOrDefault(milestoneId, List.of());
  }

  public JsonObject toJson() {
    JsonArray items = new JsonArray();
    for (Milestone m : milestones) {
      JsonObject json = m.toJson(today).put("releasedWan", releasedWan(m.id()));
      if (viewer.insider()) {
        JsonArray list = new JsonArray();
        reportsOf(m.id()).forEach(r -> list.add(r.toJson()));
        json.put("reports", list);
      }
      items.add(json);
    }
    JsonArray funding = new JsonArray();
    releases.forEach(r -> funding.add(r.toJson()));
    JsonArray events = new JsonArray();
    timeline.forEach(e -> events.add(e.toJson(viewer.insider())));
    return new JsonObject()
        .put("postingId", posting.id())
        .put("callStatus", posting.status())
        .put("lead", new JsonObject().put("organizationId", award.leadOrganizationId()).put("name", award.lead()))
        .put("awardedWan", awardedWan())
        .put("releasedWan", releasedWan())
        .put("plan", plan.map(p -> p.toJson(viewer.insider())).orElse(null))
        .put("milestones", items)
        .put("releases", funding)
        .put("timeline", events);
  }
}
