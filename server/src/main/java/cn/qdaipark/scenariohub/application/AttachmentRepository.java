package cn.qdaipark.scenariohub.application;

import cn.qdaipark.scenariohub.db.Rows;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class AttachmentRepository {
  private static final String COLUMNS = "id, application_id, file_name, size_bytes, sha256, uploaded_at";
  // Attachments are added under this lock, so that two uploads at once cannot make a fourth.
  private static final String LOCK_APPLICATION = "SELECT status FROM applications WHERE id = #{id} FOR UPDATE";
  private static final String COUNT = "SELECT count(*) AS n FROM application_attachments WHERE application_id = #{application}";
  private static final String INSERT = "INSERT INTO application_attachments (application_id, file_name, size_bytes, "
      + "sha256, content, uploaded_by) VALUES (#{application}, #{name}, #{size}, #{sha256}, #{content}, #{user}) "
      + "RETURNING " + COLUMNS;
  private static final String LIST = "SELECT " + COLUMNS + " FROM application_attachments "
      + "WHERE application_id = ANY(#{ids}) ORDER BY application_id, id";
  private static final String CONTENT = "SELECT " + COLUMNS + ", content FROM application_attachments "
      + "WHERE application_id = #{application} AND id = #{id}";
  private static final String DELETE = "DELETE FROM application_attachments WHERE application_id = #{application} "
      + "AND id = #{id} RETURNING " + COLUMNS;

  /** An attachment with its bytes, for the download. */
  public record Content(Attachment attachment, Buffer bytes) {
  }

  /** Locks the application row for the rest of the transaction; answers its status, empty if there is none. */
  Future<Optional<String>> lockApplication(SqlClient db, long applicationId) {
    return SqlTemplate.forQuery(db, LOCK_APPLICATION).execute(Map.of("id", applicationId))
        .map(rows -> Rows.first(rows).map(row -> row.getString("status")));
  }

  Future<Long> count(SqlClient db, long applicationId) {
    return SqlTemplate.forQuery(db, COUNT).execute(Map.of("application", applicationId))
        .map(rows -> rows.iterator().next().getLong("n"));
  }

  Future<Attachment> insert(SqlClient db, long applicationId, PdfUpload file, long userId) {
    Map<String, Object> p = new HashMap<>();
    p.put("application", applicationId);
    p.put("name", file.fileName());
    p.put("size", file.content().length());
    p.put("sha256", file.sha256());
    p.put("content", file.content());
    p.put("user", userId);
    return SqlTemplate.forQuery(db, INSERT).mapTo(Attachment::fromRow).execute(p).map(rows -> rows.iterator().next());
  }

  /** The attachments of each application, oldest first; applications without any are absent. */
  public Future<Map<Long, List<Attachment>>> list(SqlClient db, Collection<Long> applicationIds) {
    return SqlTemplate.forQuery(db, LIST).mapTo(Attachment::fromRow)
        .execute(Map.of("ids", applicationIds.toArray(Long[]::new)))
        .map(rows -> {
          Map<Long, List<Attachment>> byApplication = new LinkedHashMap<>();
          Rows.all(rows).forEach(a -> byApplication.computeIfAbsent(a.applicationId(), k -> new ArrayList<>()).add(a));
          return byApplication;
        });
  }

  Future<Optional<Content>> content(SqlClient db, long applicationId, long id) {
    return SqlTemplate.forQuery(db, CONTENT).execute(Map.of("application", applicationId, "id", id))
        .map(rows -> Rows.first(rows).map(row -> new Content(Attachment.fromRow(row), row.getBuffer("content"))));
  }

  Future<Optional<Attachment>> delete(SqlClient db, long applicationId, long id) {
    return SqlTemplate.forQuery(db, DELETE).mapTo(Attachment::fromRow)
        .execute(Map.of("application", applicationId, "id", id)).map(Rows::first);
  }
}
