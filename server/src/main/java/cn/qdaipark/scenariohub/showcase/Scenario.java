package cn.qdaipark.scenariohub.showcase;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * A demonstration scenario (示范场景): the snapshot of an accepted call or a landed demand (problem, district,
 * domain, tracks, consortium, solutions) and what its issuer wrote about it (title, story, indicators, pictures).
 */
public record Scenario(long id, long postingId, String kind, long organizationId, String issuer, String title,
                       String problem, String district, String domain, List<String> tracks, int year,
                       OffsetDateTime acceptedAt, String summary, List<Indicator> indicators, List<Party> consortium,
                       List<SolutionRef> solutions, List<ImageRef> images, OffsetDateTime updatedAt, int version,
                       boolean visible) {
  public static final int MAX_INDICATORS = 10;
  public static final int MAX_IMAGES = 8;
  public static final int MAX_SUMMARY = 2000;
  public static final int MAX_TITLE = 120;
  public static final int MAX_CAPTION = 100;

  /** A before/after value of one of the call's indicators (考核指标). */
  public record Indicator(String name, String before, String after, String unit) {
    public JsonObject toJson() {
      return new JsonObject().put("name", name).put("before", before).put("after", after).put("unit", unit);
    }

    static Indicator fromJson(JsonObject o) {
      return new Indicator(o.getString("name", ""), o.getString("before", ""), o.getString("after", ""),
          o.getString("unit", ""));
    }
  }

  /** A member of the consortium: the lead comes first. */
  public record Party(long id, String name) {
  }

  /** A published solution the scenario was built with. */
  public record SolutionRef(long id, String title) {
  }

  public record ImageRef(long id, String caption, int width, int height) {
  }

  public static Scenario fromRow(Row row) {
    JsonArray indicators = json(row.getValue("indicators"));
    return new Scenario(row.getLong("id"), row.getLong("posting_id"), row.getString("kind"),
        row.getLong("organization_id"), row.getString("issuer"), row.getString("title"), row.getString("problem"),
        row.getString("district"), row.getString("domain"), Arrays.asList(row.getArrayOfStrings("tracks")),
        row.getInteger("year"), row.getOffsetDateTime("accepted_at"), row.getString("summary"),
        indicators.stream().map(o -> Indicator.fromJson((JsonObject) o)).toList(),
        json(row.getValue("consortium")).stream().map(JsonObject.class::cast)
            .map(o -> new Party(o.getLong("id"), o.getString("name"))).toList(),
        json(row.getValue("solutions")).stream().map(JsonObject.class::cast)
            .map(o -> new SolutionRef(o.getLong("id"), o.getString("title"))).toList(),
        json(row.getValue("images")).stream().map(JsonObject.class::cast)
            .map(o -> new ImageRef(o.getLong("id"), o.getString("caption"), o.getInteger("width"), o.getInteger("height")))
            .toList(),
        row.getOffsetDateTime("updated_at"), row.getInteger("version"), row.getBoolean("visible"));
  }

  private static JsonArray json(Object value) {
    if (value instanceof JsonArray array) {
      return array;
    }
    return value == null ? new JsonArray() : new JsonArray(value.toString());
  }

  /** The lead of the consortium (or the provider whose response landed); null when none was recorded. */
  public Party lead() {
    return consortium.isEmpty() ? null : consortium.get(0);
  }

  public String imagePath(ImageRef image) {
    return "/showcase/" + id + "/images/" + image.id();
  }

  public JsonObject toJson() {
    JsonArray parties = new JsonArray();
    consortium.forEach(p -> parties.add(new JsonObject().put("organizationId", p.id()).put("name", p.name())));
    JsonArray used = new JsonArray();
    solutions.forEach(s -> used.add(new JsonObject().put("id", s.id()).put("title", s.title())));
    JsonArray pictures = new JsonArray();
    images.forEach(i -> pictures.add(new JsonObject().put("id", i.id()).put("caption", i.caption())
        .put("width", i.width()).put("height", i.height())
        .put("url", imagePath(i)).put("thumbnailUrl", imagePath(i) + "/thumb")));
    JsonArray values = new JsonArray();
    indicators.forEach(i -> values.add(i.toJson()));
    return new JsonObject()
        .put("id", id)
        .put("postingId", postingId)
        .put("kind", kind)
        .put("organizationId", organizationId)
        .put("issuer", issuer)
        .put("title", title)
        .put("problem", problem)
        .put("district", district)
        .put("domain", domain)
        .put("tracks", new JsonArray(tracks))
        .put("year", year)
        .put("acceptedAt", acceptedAt.toString())
        .put("summary", summary)
        .put("indicators", values)
        .put("consortium", parties)
        .put("solutions", used)
        .put("images", pictures)
        .put("updatedAt", updatedAt.toString())
        .put("version", version);
  }
}
