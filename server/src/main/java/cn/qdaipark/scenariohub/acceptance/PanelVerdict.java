package cn.qdaipark.scenariohub.acceptance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The panel's verdict: per requirement the verdict most members gave, a tie taking the lower one; the round passes
 * when no requirement is not met and at most a third of them are partly met.
 */
public record PanelVerdict(List<Item> items, boolean passes) {
  public static final String RULE = "每项考核指标以专家组多数意见为准（票数相同取较低结论）；没有任何一项“未达到”，且“部分达到”不超过指标总数的三分之一，方为验收通过。";

  /** One requirement: the verdict, the votes and the members' comments (without their names). */
  public record Item(String requirement, String verdict, int met, int partly, int notMet, List<String> comments) {
    JsonObject toJson() {
      return new JsonObject().put("requirement", requirement).put("verdict", verdict)
          .put("verdictLabel", Verdict.label(verdict)).put("met", met).put("partly", partly).put("notMet", notMet)
          .put("comments", new JsonArray(comments));
    }

    static Item fromJson(JsonObject o) {
      List<String> comments = new ArrayList<>();
      o.getJsonArray("comments", new JsonArray()).forEach(c -> comments.add((String) c));
      return new Item(o.getString("requirement"), o.getString("verdict"), o.getInteger("met"), o.getInteger("partly"),
          o.getInteger("notMet"), comments);
    }
  }

  public static PanelVerdict of(List<String> requirements, List<Score> scores) {
    List<Item> items = new ArrayList<>();
    for (String requirement : requirements) {
      int[] votes = new int[Verdict.ALL.size()];
      List<String> comments = new ArrayList<>();
      scores.stream().filter(s -> s.requirement().equals(requirement)).forEach(s -> {
        votes[Verdict.rank(s.verdict())]++;
        if (!s.comment().isEmpty()) {
          comments.add(s.comment());
        }
      });
      int best = 0;
      for (int i = 1; i < votes.length; i++) {
        if (votes[i] > votes[best]) {
          best = i;
        }
      }
      items.add(new Item(requirement, Verdict.ALL.get(best), votes[Verdict.rank(Verdict.MET)],
          votes[Verdict.rank(Verdict.PARTLY)], votes[Verdict.rank(Verdict.NOT_MET)], comments));
    }
    return new PanelVerdict(items, passes(items));
  }

  private static boolean passes(List<Item> items) {
    long partly = items.stream().filter(i -> Verdict.PARTLY.equals(i.verdict())).count();
    return items.stream().noneMatch(i -> Verdict.NOT_MET.equals(i.verdict())) && partly * 3 <= items.size();
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    items.forEach(i -> list.add(i.toJson()));
    return new JsonObject().put("passes", passes).put("items", list);
  }

  public static PanelVerdict fromJson(JsonObject o) {
    List<Item> items = new ArrayList<>();
    o.getJsonArray("items").forEach(i -> items.add(Item.fromJson((JsonObject) i)));
    return new PanelVerdict(items, o.getBoolean("passes"));
  }
}
