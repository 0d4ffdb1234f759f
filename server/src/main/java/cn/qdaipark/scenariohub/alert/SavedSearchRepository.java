package cn.qdaipark.scenariohub.alert;

import cn.qdaipark.scenariohub.db.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.List;
import java.util.Map;

final class SavedSearchRepository {
  private static final String COLUMNS = "id, user_id, name, query_text, target, filters, created_at";
  private static final String LIST = "SELECT " + COLUMNS + " FROM saved_searches WHERE user_id = #{user} ORDER BY id";
  private static final String ALL = "SELECT " + COLUMNS + " FROM saved_searches ORDER BY id";
  /** Locks the person's row so two concurrent saves cannot both pass the limit (NO KEY: inserts referencing the user go on). */
  private static final String LOCK_USER = "SELECT id FROM users WHERE id = #{user} FOR NO KEY UPDATE";
  private static final String COUNT = "SELECT count(*) AS n FROM saved_searches WHERE user_id = #{user}";
  private static final String INSERT = "INSERT INTO saved_searches (user_id, name, query_text, target, filters) "
      + "VALUES (#{user}, #{name}, #{query}, #{target}, #{filters}::jsonb) RETURNING " + COLUMNS;
  private static final String DELETE = "DELETE FROM saved_searches WHERE id = #{id} AND user_id = #{user} RETURNING id";
  /** Changes on other replicas show as a different count or highest id (rows are inserted and deleted, never updated). */
  private static final String FINGERPRINT = "SELECT count(*) || ':' || COALESCE(max(id), 0) AS f FROM saved_searches";

  Future<List<SavedSearch>> listFor(SqlClient db, long userId) {
    return SqlTemplate.forQuery(db, LIST).mapTo(SavedSearch::fromRow).execute(Map.of("user", userId)).map(Rows::all);
  }

  Future<List<SavedSearch>> all(SqlClient db) {
    return SqlTemplate.forQuery(db, ALL).mapTo(SavedSearch::fromRow).execute(Map.of()).map(Rows::all);
  }

  Future<Long> lockAndCount(SqlClient db, long userId) {
    return SqlTemplate.forQuery(db, LOCK_USER).execute(Map.of("user", userId))
        .compose(locked -> SqlTemplate.forQuery(db, COUNT).execute(Map.of("user", userId)))
        .map(rows -> rows.iterator().next().getLong("n"));
  }

  Future<SavedSearch> insert(SqlClient db, long userId, SavedSearchInput in) {
    return SqlTemplate.forQuery(db, INSERT).mapTo(SavedSearch::fromRow)
        .execute(Map.of("user", userId, "name", in.name(), "query", in.query(), "target", in.target(),
            "filters", in.filters().encode()))
        .map(rows -> rows.iterator().next());
  }

  Future<Boolean> delete(SqlClient db, long userId, long id) {
    return SqlTemplate.forQuery(db, DELETE).execute(Map.of("id", id, "user", userId)).map(rows -> rows.size() == 1);
  }

  Future<String> fingerprint(SqlClient db) {
    return SqlTemplate.forQuery(db, FINGERPRINT).execute(Map.of()).map(rows -> rows.iterator().next().getString("f"));
  }
}
