package cn.qdaipark.scenariohub.posting;

import cn.qdaipark.scenariohub.db.RecordKeys;
import cn.qdaipark.scenariohub.db.Rows;
import cn.qdaipark.scenariohub.http.Page;
import cn.qdaipark.scenariohub.http.PageRequest;
import cn.qdaipark.scenariohub.embedding.TextEmbeddings;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

public final class PostingRepository {
  private static final String SELECT = "SELECT p.id, p.source_ref, p.kind, p.organization_id, o.name AS issuer, "
      + "o.verified AS issuer_verified, p.title, p.description, p.domain, p.budget_wan, p.deadline, p.requirements, "
      + "p.region, p.status, p.moderation_reason, p.created_at, p.updated_at, p.version "
      + "FROM postings p JOIN organizations o ON o.id = p.organization_id ";
  private static final String BY_ID = SELECT + "WHERE p.id = #{id}";
  private static final String BY_REF = SELECT + "WHERE p.source_ref = #{ref}";
  private static final String BY_IDS = SELECT + "WHERE p.id = ANY(#{ids})";
  private static final String BY_REFS_FOR_UPDATE = SELECT + "WHERE p.source_ref = ANY(#{refs}) ORDER BY p.id FOR UPDATE OF p";
  private static final String AFTER = SELECT + "WHERE p.id > #{after} ORDER BY p.id LIMIT #{limit}";
  private static final String INSERT = "INSERT INTO postings (source_ref, kind, organization_id, title, description, "
      + "domain, budget_wan, deadline, requirements, region, status, embedding) VALUES (#{ref}, #{kind}, #{org}, #{title}, "
      + "#{description}, #{domain}, #{budget}, #{deadline}, #{requirements}, #{region}, #{status}, #{embedding}) RETURNING id";
  // An update keeps the status: an import replaces content, it never moves a posting along its lifecycle.
  // xmax is 0 only on a row this statement inserted.
  private static final String UPSERT_BY_REF = INSERT.replace(" RETURNING id", "")
      + " ON CONFLICT (source_ref) DO UPDATE SET kind = EXCLUDED.kind, organization_id = EXCLUDED.organization_id, "
      + "title = EXCLUDED.title, description = EXCLUDED.description, domain = EXCLUDED.domain, "
      + "budget_wan = EXCLUDED.budget_wan, deadline = EXCLUDED.deadline, requirements = EXCLUDED.requirements, "
      + "region = EXCLUDED.region, embedding = EXCLUDED.embedding, updated_at = now(), "
      + "version = postings.version + 1 "
      + "RETURNING id, (xmax = 0) AS inserted";
  private static final String UPDATE = "UPDATE postings SET title = #{title}, description = #{description}, "
      + "domain = #{domain}, budget_wan = #{budget}, deadline = #{deadline}, requirements = #{requirements}, "
      + "region = #{region}, status = #{status}, moderation_reason = NULL, embedding = #{embedding}, updated_at = now(), "
      + "version = version + 1 "
      + "WHERE id = #{id} AND version = #{version} RETURNING id";
  private static final String SET_STATUS = "UPDATE postings SET status = #{status}, moderation_reason = #{reason}, "
      + "updated_at = now(), version = version + 1 WHERE id = #{id} RETURNING id";
  /**
   * A call still open after its deadline day, as of {@code today}: a reader sees it in review, as the deadline timer
   * will record within the minute (the rule of {@link PostingService#isExpired}).
   */
  private static final String EXPIRED = "(p.kind = 'challenge' AND p.status = 'open' AND p.deadline IS NOT NULL "
      + "AND p.deadline < #{today})";
  private static final String EFFECTIVE_STATUS = "(CASE WHEN " + EXPIRED + " THEN 'review' ELSE p.status END)";
  private static final String SELECT_AS_OF = SELECT.replace("p.status,", EFFECTIVE_STATUS + " AS status,");
  private static final String BY_IDS_AS_OF = SELECT_AS_OF + "WHERE p.id = ANY(#{ids})";
  private static final String LIST = SELECT_AS_OF.replace("SELECT ", "SELECT count(*) OVER () AS total, ")
      + "WHERE (p.status = ANY(#{publicStatuses}) OR #{admin} OR p.organization_id = #{callerOrg}) "
      + "AND (#{kind}::text IS NULL OR p.kind = #{kind}) "
      + "AND (#{domain}::text IS NULL OR p.domain = #{domain}) "
      // the effective status spelled out on p.status, so the status index still serves the filter
      + "AND (#{status}::text IS NULL OR (p.status = #{status} AND NOT " + EXPIRED + ") "
      + "OR (#{status}::text = 'review' AND " + EXPIRED + ")) "
      + "AND (#{org}::bigint IS NULL OR p.organization_id = #{org}) "
      + "AND (#{minBudget}::bigint IS NULL OR p.budget_wan >= #{minBudget}) "
      + "AND (#{maxBudget}::bigint IS NULL OR p.budget_wan <= #{maxBudget}) "
      + "AND (#{deadlineFrom}::date IS NULL OR p.deadline >= #{deadlineFrom}) "
      + "AND (#{deadlineTo}::date IS NULL OR p.deadline <= #{deadlineTo}) "
      + "ORDER BY ";
  private static final String PUBLIC_NEWEST_FIRST = SELECT_AS_OF.replace("#{today}", "$1")
      + "WHERE p.status = ANY($2) ORDER BY p.updated_at DESC, p.id DESC";
  /** The stored vector only when {@code $2} asks for it (an export without vectors reads none). */
  private static final String PUBLIC_BY_ID_WITH_VECTORS = SELECT.replace("p.version FROM",
      "p.version, record_key('" + RecordKeys.POSTING + "', p.id, p.source_ref) AS record_key, "
          + "CASE WHEN $2 THEN p.embedding END AS embedding FROM") + "WHERE p.status = ANY($1) ORDER BY p.id";
  private static final String CLAIM_OWN_KEYS = RecordKeys.claimSql("postings", RecordKeys.POSTING);
  private static final String SCENARIOS = "SELECT count(*) FROM scenarios s JOIN postings p ON p.id = s.posting_id "
      + "WHERE p.status = ANY(#{public})";
  /**
   * The scenario funnel per domain over public postings: posted; matched (the standing matcher found fitting
   * solutions, whether or not their providers take alerts);
   * contacted (the issuer clicked 联系对接 on a solution, a provider applied, or the posting moved into talks or
   * review); pilot (试点 or 攻关 and beyond); landed (a demonstration scenario: an accepted call or a landed demand).
   */
  private static final String FUNNEL = "SELECT p.domain, count(*) AS posted, "
      + "count(*) FILTER (WHERE EXISTS (SELECT 1 FROM standing_matches m WHERE m.posting_id = p.id)) AS matched, "
      + "count(*) FILTER (WHERE EXISTS (SELECT 1 FROM contacts c WHERE c.posting_id = p.id) "
      + "  OR EXISTS (SELECT 1 FROM applications a WHERE a.posting_id = p.id AND a.status <> 'withdrawn') "
      + "  OR p.status = ANY(#{contacted})) AS contacted, "
      + "count(*) FILTER (WHERE p.status = ANY(#{pilot})) AS pilot, "
      + "count(*) FILTER (WHERE EXISTS (SELECT 1 FROM scenarios s WHERE s.posting_id = p.id)) AS landed "
      + "FROM postings p WHERE p.status = ANY(#{public}) GROUP BY p.domain";
  private static final String RECORD_STANDING_MATCH = "INSERT INTO standing_matches (posting_id) VALUES (#{posting}) "
      + "ON CONFLICT DO NOTHING";
  private static final Map<String, String> ORDERINGS = Map.of(
      "newest", "p.updated_at DESC, p.id DESC",
      "deadline", "p.deadline ASC NULLS LAST, p.id ASC",
      "budget", "p.budget_wan DESC, p.id DESC");

  /** What a list asks for; null means no restriction. {@code deadlineFrom}/{@code deadlineTo} bound the deadline. */
  public record Filter(String kind, String domain, String status, Long organizationId, Long minBudget, Long maxBudget,
                       String sort, LocalDate deadlineFrom, LocalDate deadlineTo) {
    public Filter(String kind, String domain, String status, Long organizationId, Long minBudget, Long maxBudget,
                  String sort) {
      this(kind, domain, status, organizationId, minBudget, maxBudget, sort, null, null);
    }
  }

  public Future<Optional<Posting>> findById(SqlClient db, long id) {
    return SqlTemplate.forQuery(db, BY_ID).mapTo(Posting::fromRow).execute(Map.of("id", id)).map(Rows::first);
  }

  /** Every record with one of the ids, in any status (for the index). */
  public Future<List<Posting>> findByIds(SqlClient db, Collection<Long> ids) {
    return SqlTemplate.forQuery(db, BY_IDS).mapTo(Posting::fromRow).execute(Map.of("ids", ids.toArray(Long[]::new)))
        .map(Rows::all);
  }

  /** Every record with one of the ids, in any status, as a reader sees it on {@code today} (see {@link #list}). */
  public Future<List<Posting>> findByIds(SqlClient db, Collection<Long> ids, LocalDate today) {
    return SqlTemplate.forQuery(db, BY_IDS_AS_OF).mapTo(Posting::fromRow)
        .execute(Map.of("ids", ids.toArray(Long[]::new), "today", today))
        .map(Rows::all);
  }

  /** The next records after an id, in id order, in any status (for rebuilding the index page by page). */
  public Future<List<Posting>> listAfter(SqlClient db, long afterId, int limit) {
    return SqlTemplate.forQuery(db, AFTER).mapTo(Posting::fromRow).execute(Map.of("after", afterId, "limit", limit))
        .map(Rows::all);
  }

  public Future<Optional<Posting>> findBySourceRef(SqlClient db, String ref) {
    return SqlTemplate.forQuery(db, BY_REF).mapTo(Posting::fromRow).execute(Map.of("ref", ref)).map(Rows::first);
  }

  public Future<Long> insert(SqlClient db, String sourceRef, String kind, long orgId, PostingInput in, String status,
                             float[] embedding) {
    return SqlTemplate.forQuery(db, INSERT).execute(params(sourceRef, kind, orgId, in, status, embedding))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** Gives the postings this instance exported without a source reference their export key ({@link RecordKeys}). */
  public Future<Void> claimOwnKeys(SqlClient db, Collection<String> keys) {
    return SqlTemplate.forUpdate(db, CLAIM_OWN_KEYS).execute(Map.of("keys", keys.toArray(String[]::new))).mapEmpty();
  }

  /**
   * The postings with these source references, by reference, locked until the transaction ends; in id order, so
   * that two imports of overlapping files wait for each other instead of deadlocking.
   */
  public Future<Map<String, Posting>> lockBySourceRefs(SqlClient db, Collection<String> refs) {
    return SqlTemplate.forQuery(db, BY_REFS_FOR_UPDATE).mapTo(Posting::fromRow)
        .execute(Map.of("refs", refs.toArray(String[]::new)))
        .map(rows -> Rows.all(rows).stream().collect(Collectors.toMap(Posting::sourceRef, p -> p)));
  }

  /**
   * Upserts many records by source reference in one batch: new ones get {@code status}, existing ones keep theirs.
   * Answers the ids of the postings it created.
   */
  public Future<List<Long>> upsertAllBySourceRef(SqlClient db, List<Imported> records, String status) {
    List<Map<String, Object>> batch = records.stream()
        .map(r -> params(r.sourceRef(), r.kind(), r.organizationId(), r.input(), status, r.embedding())).toList();
    return SqlTemplate.forQuery(db, UPSERT_BY_REF).executeBatch(batch).map(first -> {
      List<Long> created = new ArrayList<>();
      for (RowSet<Row> rows = first; rows != null; rows = rows.next()) {
        for (Row row : rows) {
          if (row.getBoolean("inserted")) {
            created.add(row.getLong("id"));
          }
        }
      }
      return created;
    });
  }

  public record Imported(String sourceRef, String kind, long organizationId, PostingInput input, float[] embedding) {
  }

  public Future<Boolean> update(SqlClient db, long id, int version, PostingInput in, String status, float[] embedding) {
    Map<String, Object> p = params(null, null, 0, in, status, embedding);
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

  /** One page of the records the caller may see, each with the status a reader sees on {@code today}. */
  public Future<Page<Posting>> list(SqlClient db, Filter f, boolean admin, Long callerOrg, PageRequest page,
                                    LocalDate today) {
    Map<String, Object> p = new HashMap<>();
    p.put("today", today);
    p.put("admin", admin);
    p.put("publicStatuses", PostingStatus.PUBLIC.toArray(String[]::new));
    p.put("callerOrg", callerOrg == null ? -1L : callerOrg);
    p.put("kind", f.kind());
    p.put("domain", f.domain());
    p.put("status", f.status());
    p.put("org", f.organizationId());
    p.put("minBudget", f.minBudget());
    p.put("maxBudget", f.maxBudget());
    p.put("deadlineFrom", f.deadlineFrom());
    p.put("deadlineTo", f.deadlineTo());
    page.addTo(p);
    String sql = LIST + ORDERINGS.get(f.sort() == null ? "newest" : f.sort()) + " LIMIT #{limit} OFFSET #{offset}";
    return SqlTemplate.forQuery(db, sql).execute(p).map(rows -> Page.fromRows(rows, Posting::fromRow));
  }

  /**
   * Every public record, newest first, with the status a reader sees on {@code today}, through a cursor that fetches
   * {@code fetch} rows at a time (the connection must be in a transaction); rows map with {@link Posting#fromRow}.
   */
  public Future<RowStream<Row>> streamPublic(SqlConnection conn, LocalDate today, int fetch) {
    return conn.prepare(PUBLIC_NEWEST_FIRST).map(statement -> statement.createStream(fetch,
        Tuple.of(today).addArrayOfString(PostingStatus.PUBLIC.toArray(String[]::new))));
  }

  /**
   * Every public record in id order with its stored status, and its stored vector in {@code embedding} when
   * {@code vectors} says so, through a cursor as {@link #streamPublic} (rows map with {@link Posting#fromRow}).
   */
  public Future<RowStream<Row>> streamPublicWithVectors(SqlConnection conn, boolean vectors, int fetch) {
    return conn.prepare(PUBLIC_BY_ID_WITH_VECTORS).map(statement -> statement.createStream(fetch,
        Tuple.of(PostingStatus.PUBLIC.toArray(String[]::new), vectors)));
  }

  public record FunnelRow(String domain, long posted, long matched, long contacted, long pilot, long landed) {
  }

  public Future<List<FunnelRow>> funnel(SqlClient db) {
    Map<String, Object> p = new HashMap<>();
    p.put("contacted", PostingStatus.CONTACTED.toArray(String[]::new));
    p.put("pilot", PostingStatus.PILOT_OR_LATER.toArray(String[]::new));
    p.put("public", PostingStatus.PUBLIC.toArray(String[]::new));
    return SqlTemplate.forQuery(db, FUNNEL).mapTo(row -> new FunnelRow(row.getString("domain"), row.getLong("posted"),
            row.getLong("matched"), row.getLong("contacted"), row.getLong("pilot"), row.getLong("landed")))
        .execute(p).map(Rows::all);
  }

  /** The standing matcher found solutions that fit the posting (the funnel's matched); once, whoever runs it. */
  public Future<Void> recordStandingMatch(SqlClient db, long postingId) {
    return SqlTemplate.forUpdate(db, RECORD_STANDING_MATCH).execute(Map.of("posting", postingId)).mapEmpty();
  }

  /** Demonstration scenarios so far: accepted calls and landed demands, as the showcase lists them. */
  public Future<Long> countScenarios(SqlClient db) {
    return SqlTemplate.forQuery(db, SCENARIOS)
        .execute(Map.of("public", PostingStatus.PUBLIC.toArray(String[]::new)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public static Set<String> sortKeys() {
    return ORDERINGS.keySet();
  }

  private static Map<String, Object> params(String sourceRef, String kind, long orgId, PostingInput in, String status,
                                            float[] embedding) {
    Map<String, Object> p = new HashMap<>();
    p.put("ref", sourceRef);
    p.put("kind", kind);
    p.put("org", orgId);
    p.put("title", in.title());
    p.put("description", in.description());
    p.put("domain", in.domain());
    p.put("budget", in.budgetWan());
    p.put("deadline", in.deadline());
    p.put("requirements", in.requirements().toArray(String[]::new));
    p.put("region", in.region());
    p.put("status", status);
    p.put("embedding", TextEmbeddings.boxed(embedding));
    return p;
  }
}
