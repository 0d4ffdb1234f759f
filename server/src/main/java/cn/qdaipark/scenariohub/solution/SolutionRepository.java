package cn.qdaipark.scenariohub.solution;

import cn.qdaipark.scenariohub.db.RecordKeys;
import cn.qdaipark.scenariohub.db.Rows;
import cn.qdaipark.scenariohub.http.Page;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.embedding.TextEmbeddings;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class SolutionRepository {
  private static final String COLUMNS = "s.id, s.source_ref, s.organization_id, o.name AS provider, "
      + "o.verified AS provider_verified, s.title, s.summary, s.description, s.domains, s.track, s.tags, s.maturity, "
      + "s.region, s.cases, s.price_range, s.status, s.moderation_reason, s.created_at, s.updated_at, s.version ";
  private static final String WITH_PROVIDER = "JOIN organizations o ON o.id = s.organization_id ";
  private static final String SELECT = "SELECT " + COLUMNS + "FROM solutions s " + WITH_PROVIDER;
  private static final String BY_ID = SELECT + "WHERE s.id = #{id}";
  private static final String BY_REF = SELECT + "WHERE s.source_ref = #{ref}";
  private static final String BY_IDS = SELECT + "WHERE s.id = ANY(#{ids})";
  private static final String PUBLISHED_OLDEST_FIRST = SELECT + "WHERE s.status = 'published' ORDER BY s.created_at, s.id";
  /** The stored vector only when {@code $1} asks for it (an export without vectors reads none). */
  private static final String PUBLISHED_BY_ID_WITH_VECTORS = "SELECT " + COLUMNS
      + ", record_key('" + RecordKeys.SOLUTION + "', s.id, s.source_ref) AS record_key"
      + ", CASE WHEN $1 THEN s.embedding END AS embedding FROM solutions s " + WITH_PROVIDER
      + "WHERE s.status = 'published' ORDER BY s.id";
  private static final String AFTER = SELECT + "WHERE s.id > #{after} ORDER BY s.id LIMIT #{limit}";
  private static final String INSERT = "INSERT INTO solutions (source_ref, organization_id, title, summary, description, "
      + "domains, track, tags, maturity, region, cases, price_range, status, embedding) VALUES (#{ref}, #{org}, #{title}, "
      + "#{summary}, #{description}, #{domains}, #{track}, #{tags}, #{maturity}, #{region}, #{cases}, #{priceRange}, "
      + "#{status}, #{embedding}) RETURNING id";
  private static final String UPSERT_BY_REF = INSERT.replace(", embedding) VALUES", ", embedding, content_hash) VALUES")
      .replace("#{embedding}) RETURNING id", "#{embedding}, #{hash})")
      + " ON CONFLICT (source_ref) DO UPDATE SET organization_id = EXCLUDED.organization_id, title = EXCLUDED.title, "
      + "summary = EXCLUDED.summary, description = EXCLUDED.description, domains = EXCLUDED.domains, "
      + "track = EXCLUDED.track, tags = EXCLUDED.tags, maturity = EXCLUDED.maturity, region = EXCLUDED.region, "
      + "cases = EXCLUDED.cases, price_range = EXCLUDED.price_range, status = EXCLUDED.status, embedding = EXCLUDED.embedding, "
      + "content_hash = EXCLUDED.content_hash, updated_at = now(), version = solutions.version + 1 RETURNING id";
  private static final String CLAIM_OWN_KEYS = RecordKeys.claimSql("solutions", RecordKeys.SOLUTION);
  private static final String IMPORTED_STATES = "SELECT s.source_ref, s.content_hash, o.name AS provider "
      + "FROM solutions s JOIN organizations o ON o.id = s.organization_id "
      + "WHERE s.source_ref = ANY(#{refs}) AND s.status = 'published' AND s.content_hash IS NOT NULL";
  private static final String UPDATE = "UPDATE solutions SET title = #{title}, summary = #{summary}, "
      + "description = #{description}, domains = #{domains}, track = #{track}, tags = #{tags}, maturity = #{maturity}, "
      + "region = #{region}, cases = #{cases}, price_range = #{priceRange}, status = #{status}, moderation_reason = NULL, "
      + "embedding = #{embedding}, content_hash = NULL, "
      + "updated_at = now(), version = version + 1 WHERE id = #{id} AND version = #{version} RETURNING id";
  private static final String SET_STATUS = "UPDATE solutions SET status = #{status}, moderation_reason = #{reason}, "
      + "updated_at = now(), version = version + 1 WHERE id = #{id} RETURNING id";
  private static final String FILTERS = "AND (#{domain}::text IS NULL OR #{domain} = ANY (s.domains)) "
      + "AND (#{track}::text IS NULL OR s.track = #{track}) "
      + "AND (#{maturity}::text IS NULL OR s.maturity = #{maturity}) "
      + "AND (#{status}::text IS NULL OR s.status = #{status}) "
      + "AND (#{org}::bigint IS NULL OR s.organization_id = #{org}) ";
  private static final Map<String, String> ORDERINGS = Map.of(
      "newest", "s.updated_at DESC, s.id DESC",
      "oldest", "s.created_at ASC, s.id ASC",
      "title", "s.title ASC, s.id ASC");

  public record Filter(String domain, String track, String maturity, String status, Long organizationId, String sort) {
  }

  public Future<Optional<Solution>> findById(SqlClient db, long id) {
    return SqlTemplate.forQuery(db, BY_ID).mapTo(Solution::fromRow).execute(Map.of("id", id)).map(Rows::first);
  }

  /** Every record with one of the ids, in any status (for the index). */
  public Future<List<Solution>> findByIds(SqlClient db, Collection<Long> ids) {
    return SqlTemplate.forQuery(db, BY_IDS).mapTo(Solution::fromRow).execute(Map.of("ids", ids.toArray(Long[]::new)))
        .map(Rows::all);
  }

  /** The next records after an id, in id order, in any status (for rebuilding the index page by page). */
  public Future<List<Solution>> listAfter(SqlClient db, long afterId, int limit) {
    return SqlTemplate.forQuery(db, AFTER).mapTo(Solution::fromRow).execute(Map.of("after", afterId, "limit", limit))
        .map(Rows::all);
  }

  /**
   * Every published record, oldest first, through a cursor that fetches {@code fetch} rows at a time (the connection
   * must be in a transaction); rows map with {@link Solution#fromRow}.
   */
  public Future<RowStream<Row>> streamPublished(SqlConnection conn, int fetch) {
    return conn.prepare(PUBLISHED_OLDEST_FIRST).map(statement -> statement.createStream(fetch));
  }

  /**
   * Every published record in id order, with its stored vector in {@code embedding} when {@code vectors} says so,
   * through a cursor as {@link #streamPublished} (rows map with {@link Solution#fromRow}).
   */
  public Future<RowStream<Row>> streamPublishedWithVectors(SqlConnection conn, boolean vectors, int fetch) {
    return conn.prepare(PUBLISHED_BY_ID_WITH_VECTORS).map(statement -> statement.createStream(fetch, Tuple.of(vectors)));
  }

  public Future<Optional<Solution>> findBySourceRef(SqlClient db, String ref) {
    return SqlTemplate.forQuery(db, BY_REF).mapTo(Solution::fromRow).execute(Map.of("ref", ref)).map(Rows::first);
  }

  public Future<Long> insert(SqlClient db, String sourceRef, long orgId, SolutionInput in, String status, float[] embedding) {
    return SqlTemplate.forQuery(db, INSERT).execute(params(sourceRef, orgId, in, status, embedding))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** Upserts many records by source reference in one batch, each with the content hash of its import row. */
  public Future<Void> upsertAllBySourceRef(SqlClient db, List<Imported> records, String status) {
    List<Map<String, Object>> batch = records.stream().map(r -> {
      Map<String, Object> p = params(r.sourceRef(), r.organizationId(), r.input(), status, r.embedding());
      p.put("hash", r.contentHash());
      return p;
    }).toList();
    return SqlTemplate.forUpdate(db, UPSERT_BY_REF).executeBatch(batch).mapEmpty();
  }

  /** Gives the records this instance exported without a source reference their export key ({@link RecordKeys}). */
  public Future<Void> claimOwnKeys(SqlClient db, Collection<String> keys) {
    return SqlTemplate.forUpdate(db, CLAIM_OWN_KEYS).execute(Map.of("keys", keys.toArray(String[]::new))).mapEmpty();
  }

  public record Imported(String sourceRef, long organizationId, SolutionInput input, float[] embedding,
                         String contentHash) {
  }

  /** What the last import stored of a published record, as long as nothing else has changed it since. */
  public record ImportedState(String contentHash, String provider) {
  }

  /** The import state of the published records with one of the source references and a known content hash. */
  public Future<Map<String, ImportedState>> importedStates(SqlClient db, Collection<String> refs) {
    return SqlTemplate.forQuery(db, IMPORTED_STATES).execute(Map.of("refs", refs.toArray(String[]::new)))
        .map(rows -> {
          Map<String, ImportedState> states = new HashMap<>();
          rows.forEach(row -> states.put(row.getString("source_ref"),
              new ImportedState(row.getString("content_hash"), row.getString("provider"))));
          return states;
        });
  }

  /** False when the version no longer matches: someone else changed the record first. */
  public Future<Boolean> update(SqlClient db, long id, int version, SolutionInput in, String status, float[] embedding) {
    Map<String, Object> p = params(null, 0, in, status, embedding);
    p.put("id", id);
    p.put("version", version);
    return SqlTemplate.forQuery(db, UPDATE).execute(p).map(rows -> rows.size() == 1);
  }

  public Future<Boolean> setStatus(SqlClient db, long id, String status, String reason) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", id);
    p.put("status", status);
    p.put("reason", reason);
    return SqlTemplate.forQuery(db, SET_STATUS).execute(p).map(rows -> rows.size() == 1);
  }

  /**
   * Lists what the caller may see: published records, plus its own organization's, or everything for an admin. The
   * page's ids come from the listing index alone and only they are joined to their rows; the total is a count of its
   * own: a count(*) OVER () carried every matching row, description and vector included, through the query (0.8 s
   * for page 1 of 50,000).
   */
  public Future<Page<Solution>> list(SqlClient db, Filter f, boolean admin, Long callerOrg, PageRequest page) {
    Map<String, Object> p = new HashMap<>();
    p.put("domain", f.domain());
    p.put("track", f.track());
    p.put("maturity", f.maturity());
    p.put("status", f.status());
    p.put("org", f.organizationId());
    // spelled out per caller rather than as one condition with parameters, so a visitor's list can use the index
    String visible = admin ? "TRUE" : callerOrg == null ? "s.status = 'published'"
        : "(s.status = 'published' OR s.organization_id = #{callerOrg})";
    if (callerOrg != null) {
      p.put("callerOrg", callerOrg);
    }
    page.addTo(p);
    String where = "WHERE " + visible + " " + FILTERS;
    String order = ORDERINGS.get(f.sort() == null ? "newest" : f.sort());
    String sql = "SELECT (SELECT count(*) FROM solutions s " + where + ") AS total, " + COLUMNS
        + "FROM (SELECT s.id FROM solutions s " + where + "ORDER BY " + order + " LIMIT #{limit} OFFSET #{offset}) page "
        + "JOIN solutions s ON s.id = page.id " + WITH_PROVIDER + "ORDER BY " + order;
    return SqlTemplate.forQuery(db, sql).execute(p).map(rows -> Page.fromRows(rows, Solution::fromRow));
  }

  public static java.util.Set<String> sortKeys() {
    return ORDERINGS.keySet();
  }

  private static Map<String, Object> params(String sourceRef, long orgId, SolutionInput in, String status, float[] embedding) {
    Map<String, Object> p = new HashMap<>();
    p.put("ref", sourceRef);
    p.put("org", orgId);
    p.put("title", in.title());
    p.put("summary", in.summary());
    p.put("description", in.description());
    p.put("domains", in.domains().toArray(String[]::new));
    p.put("track", in.track());
    p.put("tags", in.tags().toArray(String[]::new));
    p.put("maturity", in.maturity());
    p.put("region", in.region());
    p.put("cases", in.cases().toArray(String[]::new));
    p.put("priceRange", in.priceRange());
    p.put("status", status);
    p.put("embedding", TextEmbeddings.boxed(embedding));
    return p;
  }
}
