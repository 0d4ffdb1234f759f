package cn.qdaipark.scenariohub.organization;

import cn.qdaipark.scenariohub.db.Rows;
import cn.qdaipark.scenariohub.http.Page;
import cn.qdaipark.scenariohub.http.PageRequest;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

public final class OrganizationRepository {
  private static final String COLUMNS = "id, name, kind, credit_code, region, verified, created_at, version";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM organizations WHERE id = #{id}";
  private static final String BY_NAME = "SELECT " + COLUMNS + " FROM organizations WHERE name = #{name}";
  private static final String INSERT = "INSERT INTO organizations (name, kind, credit_code, region) "
      + "VALUES (#{name}, #{kind}, #{creditCode}, #{region}) RETURNING " + COLUMNS;
  private static final String LIST = "SELECT " + COLUMNS + ", count(*) OVER () AS total FROM organizations "
      + "WHERE (#{kind}::text IS NULL OR kind = #{kind}) AND (#{verified}::boolean IS NULL OR verified = #{verified}) "
      + "ORDER BY name LIMIT #{limit} OFFSET #{offset}";
  private static final String SET_VERIFIED = "UPDATE organizations SET verified = #{verified}, updated_at = now(), "
      + "version = version + 1 WHERE id = #{id} RETURNING " + COLUMNS;
  private static final String UPDATE = "UPDATE organizations SET credit_code = #{creditCode}, region = #{region}, "
      + "updated_at = now(), version = version + 1 WHERE id = #{id} AND version = #{version} RETURNING " + COLUMNS;

  public Future<Optional<Organization>> findById(SqlClient db, long id) {
    return SqlTemplate.forQuery(db, BY_ID).mapTo(Organization::fromRow).execute(Map.of("id", id))
        .map(Rows::first);
  }

  public Future<Optional<Organization>> findByName(SqlClient db, String name) {
    return SqlTemplate.forQuery(db, BY_NAME).mapTo(Organization::fromRow).execute(Map.of("name", name))
        .map(Rows::first);
  }

  public Future<Organization> insert(SqlClient db, String name, OrgKind kind, String creditCode, String region) {
    Map<String, Object> p = new HashMap<>();
    p.put("name", name);
    p.put("kind", kind.wire());
    p.put("creditCode", creditCode);
    p.put("region", region == null ? "" : region);
    return SqlTemplate.forQuery(db, INSERT).mapTo(Organization::fromRow).execute(p)
        .map(rows -> rows.iterator().next());
  }

  /** The named organization, created unverified with the given kind when it does not exist yet. */
  public Future<Organization> findOrCreate(SqlClient db, String name, OrgKind kind, String region) {
    return findByName(db, name)
        .compose(found -> found.map(Future::succeededFuture).orElseGet(() -> insert(db, name, kind, null, region)));
  }

  public Future<Page<Organization>> list(SqlClient db, String kind, Boolean verified, PageRequest page) {
    Map<String, Object> p = new HashMap<>();
    p.put("kind", kind);
    p.put("verified", verified);
    page.addTo(p);
    return SqlTemplate.forQuery(db, LIST).execute(p).map(rows -> Page.fromRows(rows, Organization::fromRow));
  }

  public Future<Optional<Organization>> setVerified(SqlClient db, long id, boolean verified) {
    return SqlTemplate.forQuery(db, SET_VERIFIED).mapTo(Organization::fromRow)
        .execute(Map.of("id", id, "verified", verified))
        .map(Rows::first);
  }

  /** Updates the mutable details if the version still matches; empty when it does not (stale update). */
  public Future<Optional<Organization>> update(SqlClient db, long id, int version, String creditCode, String region) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", id);
    p.put("version", version);
    p.put("creditCode", creditCode);
    p.put("region", region);
    return SqlTemplate.forQuery(db, UPDATE).mapTo(Organization::fromRow).execute(p)
        .map(Rows::first);
  }

}
