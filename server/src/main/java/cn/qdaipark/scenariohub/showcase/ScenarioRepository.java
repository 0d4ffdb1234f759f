package cn.qdaipark.scenariohub.showcase;

import cn.qdaipark.scenariohub.db.Rows;
import cn.qdaipark.scenariohub.http.Page;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.posting.PostingStatus;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The scenarios, their pictures, and the figures of the 100-scenario tracker. */
public final class ScenarioRepository {
  private static final String COLUMNS = "s.id, s.posting_id, s.kind, s.organization_id, o.name AS issuer, s.title, "
      + "s.problem, s.district, s.domain, s.tracks, s.year, s.accepted_at, s.summary, s.indicators, s.updated_at, "
      + "s.version, (p.status <> ALL('{" + String.join(",", PostingStatus.HIDDEN) + "}'::text[])) AS visible, "
      + "(SELECT coalesce(json_agg(json_build_object('id', c.id, 'name', c.name) ORDER BY x.ord), '[]') "
      + "   FROM unnest(s.consortium_ids) WITH ORDINALITY AS x(id, ord) JOIN organizations c ON c.id = x.id) AS consortium, "
      + "(SELECT coalesce(json_agg(json_build_object('id', so.id, 'title', so.title) ORDER BY x.ord), '[]') "
      + "   FROM unnest(s.solution_ids) WITH ORDINALITY AS x(id, ord) JOIN solutions so ON so.id = x.id "
      + "   WHERE so.status = 'published') AS solutions, "
      + "(SELECT coalesce(json_agg(json_build_object('id', i.id, 'caption', i.caption, 'width', i.width, "
      + "   'height', i.height) ORDER BY i.id), '[]') FROM scenario_images i WHERE i.scenario_id = s.id) AS images ";
  private static final String FROM = "FROM scenarios s JOIN postings p ON p.id = s.posting_id "
      + "JOIN organizations o ON o.id = s.organization_id ";
  /** A scenario is public while its posting is (an archived posting takes its scenario off the showcase). */
  private static final String VISIBLE = "p.status = ANY(#{public}) ";
  private static final String BY_ID = "SELECT " + COLUMNS + FROM + "WHERE s.id = #{id}";
  private static final String LIST = "SELECT count(*) OVER () AS total, " + COLUMNS + FROM + "WHERE " + VISIBLE
      + "AND (#{domain}::text IS NULL OR s.domain = #{domain}) "
      + "AND (#{district}::text IS NULL OR s.district = #{district}) "
      + "AND (#{track}::text IS NULL OR #{track} = ANY(s.tracks)) "
      + "AND (#{year}::int IS NULL OR s.year = #{year}) "
      + "AND (#{org}::bigint IS NULL OR s.organization_id = #{org} OR #{org} = ANY(s.consortium_ids)) "
      + "AND (#{solution}::bigint IS NULL OR #{solution} = ANY(s.solution_ids)) "
      + "AND (#{q}::text IS NULL OR s.title ILIKE #{q} OR s.problem ILIKE #{q} OR s.summary ILIKE #{q} "
      + "  OR s.district ILIKE #{q} OR o.name ILIKE #{q}) "
      + "ORDER BY ";
  private static final Map<String, String> ORDERINGS = Map.of(
      "newest", "s.accepted_at DESC, s.id DESC",
      "oldest", "s.accepted_at ASC, s.id ASC");
  private static final String FACETS = "SELECT array(SELECT DISTINCT s.district " + FROM + "WHERE " + VISIBLE
      + "AND s.district <> '' ORDER BY 1) AS districts, "
      + "array(SELECT DISTINCT s.year " + FROM + "WHERE " + VISIBLE + "ORDER BY 1 DESC) AS years";
  private static final String CREATE = "SELECT create_scenario(#{posting}, #{at})";
  private static final String UPDATE = "UPDATE scenarios SET title = #{title}, summary = #{summary}, "
      + "indicators = #{indicators}, updated_at = now(), version = version + 1 "
      + "WHERE id = #{id} AND version = #{version} RETURNING id";
  private static final String LOCK = "SELECT id FROM scenarios WHERE id = #{id} FOR UPDATE";
  private static final String IMAGE_COUNT = "SELECT count(*) FROM scenario_images WHERE scenario_id = #{id}";
  private static final String INSERT_IMAGE = "INSERT INTO scenario_images (scenario_id, caption, content_type, data, "
      + "thumbnail, width, height, sha256, created_by) VALUES (#{scenario}, #{caption}, #{type}, #{data}, #{thumb}, "
      + "#{width}, #{height}, #{sha}, #{by}) RETURNING id";
  private static final String DELETE_IMAGE = "DELETE FROM scenario_images WHERE id = #{image} AND scenario_id = #{id} "
      + "RETURNING id";
  private static final String IMAGE_BYTES = "SELECT i.content_type, i.sha256, "
      + "CASE WHEN #{thumb} THEN i.thumbnail ELSE i.data END AS bytes FROM scenario_images i "
      + "JOIN scenarios s ON s.id = i.scenario_id JOIN postings p ON p.id = s.posting_id "
      + "WHERE i.id = #{image} AND i.scenario_id = #{id} AND " + VISIBLE;
  private static final String ACCEPTED_DATES = "SELECT s.accepted_at " + FROM + "WHERE " + VISIBLE + "ORDER BY 1";
  /**
   * Per domain, over public postings: demonstration scenarios, and the pipeline behind them: calls awarded and not
   * yet accepted (揭榜成功 to 验收中) and demands in pilot (试点中).
   */
  private static final String BY_DOMAIN = "SELECT p.domain, "
      + "count(*) FILTER (WHERE EXISTS (SELECT 1 FROM scenarios s WHERE s.posting_id = p.id)) AS scenarios, "
      + "count(*) FILTER (WHERE p.kind = 'challenge' AND p.status = ANY(#{calls}) "
      + "  AND NOT EXISTS (SELECT 1 FROM scenarios s WHERE s.posting_id = p.id)) AS calls, "
      + "count(*) FILTER (WHERE p.kind = 'demand' AND p.status = #{pilot}) AS pilots "
      + "FROM postings p WHERE p.status = ANY(#{public}) GROUP BY p.domain";
  private static final String STREAM = "SELECT " + COLUMNS + FROM + "WHERE p.status = ANY($1) "
      + "ORDER BY s.accepted_at DESC, s.id DESC";

  /** What the gallery asks for; null means any. {@code q} is the text searched for (not yet a pattern). */
  public record Filter(String domain, String district, String track, Integer year, String q, Long organizationId,
                       Long solutionId, String sort) {
    public static Filter none() {
      return new Filter(null, null, null, null, null, null, null, "newest");
    }

    public static Filter ofOrganization(long id) {
      return new Filter(null, null, null, null, null, id, null, "newest");
    }

    public static Filter ofSolution(long id) {
      return new Filter(null, null, null, null, null, null, id, "newest");
    }
  }

  public record Facets(List<String> districts, List<Integer> years) {
  }

  public record DomainRow(String domain, long scenarios, long calls, long pilots) {
  }

  public record ImageBytes(String contentType, String sha256, Buffer bytes) {
  }

  public record NewImage(String caption, String contentType, byte[] data, byte[] thumbnail, int width, int height,
                         String sha256) {
  }

  /** The calls still on their way to a scenario: awarded (揭榜成功) through acceptance (验收中). */
  public static final List<String> PIPELINE_CALLS = List.of(PostingStatus.AWARDED, PostingStatus.RESULT_PUBLISHED,
      PostingStatus.IN_DELIVERY, PostingStatus.ACCEPTANCE);

  public static Set<String> sortKeys() {
    return ORDERINGS.keySet();
  }

  public Future<Void> create(SqlClient db, long postingId, OffsetDateTime at) {
    return SqlTemplate.forQuery(db, CREATE).execute(Map.of("posting", postingId, "at", at)).mapEmpty();
  }

  /** The scenario a call or demand became, if it became one. */
  public Future<Optional<Long>> idOfPosting(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, "SELECT id FROM scenarios WHERE posting_id = #{posting}")
        .mapTo(row -> row.getLong("id")).execute(Map.of("posting", postingId)).map(Rows::first);
  }

  public Future<Optional<Scenario>> findById(SqlClient db, long id) {
    return SqlTemplate.forQuery(db, BY_ID).mapTo(Scenario::fromRow).execute(Map.of("id", id)).map(Rows::first);
  }

  public Future<Page<Scenario>> list(SqlClient db, Filter f, PageRequest page) {
    Map<String, Object> p = visible();
    p.put("domain", f.domain());
    p.put("district", f.district());
    p.put("track", f.track());
    p.put("year", f.year());
    p.put("org", f.organizationId());
    p.put("solution", f.solutionId());
    p.put("q", f.q() == null ? null : "%" + f.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    page.addTo(p);
    String sql = LIST + ORDERINGS.getOrDefault(f.sort() == null ? "newest" : f.sort(), ORDERINGS.get("newest"))
        + " LIMIT #{limit} OFFSET #{offset}";
    return SqlTemplate.forQuery(db, sql).execute(p).map(rows -> Page.fromRows(rows, Scenario::fromRow));
  }

  public Future<Facets> facets(SqlClient db) {
    return SqlTemplate.forQuery(db, FACETS).execute(visible()).map(rows -> {
      Row row = rows.iterator().next();
      return new Facets(List.of(row.getArrayOfStrings("districts")), List.of(row.getArrayOfIntegers("years")));
    });
  }

  public Future<Boolean> update(SqlClient db, long id, int version, String title, String summary,
                                List<Scenario.Indicator> indicators) {
    JsonArray values = new JsonArray();
    indicators.forEach(i -> values.add(i.toJson()));
    Map<String, Object> p = new HashMap<>();
    p.put("id", id);
    p.put("version", version);
    p.put("title", title);
    p.put("summary", summary);
    p.put("indicators", values);
    return SqlTemplate.forQuery(db, UPDATE).execute(p).map(rows -> rows.size() == 1);
  }

  /** Locks the scenario until the transaction ends and answers how many pictures it has. */
  public Future<Long> lockAndCountImages(SqlClient db, long id) {
    return SqlTemplate.forQuery(db, LOCK).execute(Map.of("id", id))
        .compose(locked -> SqlTemplate.forQuery(db, IMAGE_COUNT).execute(Map.of("id", id)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** Stores a picture; {@code userId} is null for the demo data, which no person uploaded. */
  public Future<Long> insertImage(SqlClient db, long scenarioId, NewImage image, Long userId) {
    Map<String, Object> p = new HashMap<>();
    p.put("scenario", scenarioId);
    p.put("caption", image.caption());
    p.put("type", image.contentType());
    p.put("data", Buffer.buffer(image.data()));
    p.put("thumb", Buffer.buffer(image.thumbnail()));
    p.put("width", image.width());
    p.put("height", image.height());
    p.put("sha", image.sha256());
    p.put("by", userId);
    return SqlTemplate.forQuery(db, INSERT_IMAGE).execute(p).map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Boolean> deleteImage(SqlClient db, long scenarioId, long imageId) {
    return SqlTemplate.forQuery(db, DELETE_IMAGE).execute(Map.of("id", scenarioId, "image", imageId))
        .map(rows -> rows.size() == 1);
  }

  /** A picture (or its thumbnail) of a public scenario. */
  public Future<Optional<ImageBytes>> image(SqlClient db, long scenarioId, long imageId, boolean thumbnail) {
    Map<String, Object> p = visible();
    p.put("id", scenarioId);
    p.put("image", imageId);
    p.put("thumb", thumbnail);
    return SqlTemplate.forQuery(db, IMAGE_BYTES)
        .mapTo(row -> new ImageBytes(thumbnail ? "image/jpeg" : row.getString("content_type"),
            row.getString("sha256").trim() + (thumbnail ? "-t" : ""), row.getBuffer("bytes")))
        .execute(p).map(Rows::first);
  }

  /** When each public scenario was accepted, oldest first (for the monthly trend). */
  public Future<List<OffsetDateTime>> acceptedDates(SqlClient db) {
    return SqlTemplate.forQuery(db, ACCEPTED_DATES).mapTo(row -> row.getOffsetDateTime(0)).execute(visible())
        .map(Rows::all);
  }

  public Future<List<DomainRow>> byDomain(SqlClient db) {
    Map<String, Object> p = visible();
    p.put("calls", PIPELINE_CALLS.toArray(String[]::new));
    p.put("pilot", PostingStatus.PILOT);
    return SqlTemplate.forQuery(db, BY_DOMAIN)
        .mapTo(row -> new DomainRow(row.getString("domain"), row.getLong("scenarios"), row.getLong("calls"),
            row.getLong("pilots")))
        .execute(p).map(Rows::all);
  }

  /** Every public scenario, newest first, through a cursor (the connection must be in a transaction). */
  public Future<RowStream<Row>> stream(SqlConnection conn, int fetch) {
    return conn.prepare(STREAM).map(statement -> statement.createStream(fetch,
        Tuple.tuple().addArrayOfString(PostingStatus.PUBLIC.toArray(String[]::new))));
  }

  private static Map<String, Object> visible() {
    Map<String, Object> p = new HashMap<>();
    p.put("public", PostingStatus.PUBLIC.toArray(String[]::new));
    return p;
  }
}
