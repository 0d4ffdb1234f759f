package cn.qdaipark.scenariohub.guide;

import cn.qdaipark.scenariohub.application.PdfUpload;
import cn.qdaipark.scenariohub.conversation.ContactDetails;
import cn.qdaipark.scenariohub.db.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The 申报指南 PDF and the contact person of a call, one row per call. */
final class CallGuideRepository {
  private static final String GUIDE = "SELECT contact_name, contact_phone, contact_email, file_name, size_bytes, sha256 "
      + "FROM call_guides WHERE posting_id = #{posting}";
  private static final String CONTENT = "SELECT file_name, sha256, content FROM call_guides "
      + "WHERE posting_id = #{posting} AND content IS NOT NULL";
  private static final String SAVE_CONTACT = "INSERT INTO call_guides (posting_id, contact_name, contact_phone, "
      + "contact_email, updated_by) VALUES (#{posting}, #{name}, #{phone}, #{email}, #{user}) "
      + "ON CONFLICT (posting_id) DO UPDATE SET contact_name = EXCLUDED.contact_name, "
      + "contact_phone = EXCLUDED.contact_phone, contact_email = EXCLUDED.contact_email, "
      + "updated_by = EXCLUDED.updated_by, updated_at = now()";
  private static final String SAVE_FILE = "INSERT INTO call_guides (posting_id, file_name, size_bytes, sha256, content, "
      + "updated_by) VALUES (#{posting}, #{name}, #{size}, #{sha}, #{content}, #{user}) "
      + "ON CONFLICT (posting_id) DO UPDATE SET file_name = EXCLUDED.file_name, size_bytes = EXCLUDED.size_bytes, "
      + "sha256 = EXCLUDED.sha256, content = EXCLUDED.content, updated_by = EXCLUDED.updated_by, updated_at = now()";

  Future<Optional<CallGuide>> guide(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, GUIDE).mapTo(CallGuideRepository::guide).execute(Map.of("posting", postingId))
        .map(Rows::first);
  }

  Future<Optional<CallGuide.File>> content(SqlClient db, long postingId) {
    return SqlTemplate.forQuery(db, CONTENT)
        .mapTo(row -> new CallGuide.File(row.getString("file_name"), row.getString("sha256"), row.getBuffer("content")))
        .execute(Map.of("posting", postingId)).map(Rows::first);
  }

  Future<Void> saveContact(SqlClient db, long postingId, ContactDetails contact, long userId) {
    Map<String, Object> p = new HashMap<>();
    p.put("posting", postingId);
    p.put("name", contact.name());
    p.put("phone", contact.phone());
    p.put("email", contact.email());
    p.put("user", userId);
    return SqlTemplate.forUpdate(db, SAVE_CONTACT).execute(p).mapEmpty();
  }

  Future<Void> saveFile(SqlClient db, long postingId, PdfUpload file, long userId) {
    Map<String, Object> p = new HashMap<>();
    p.put("posting", postingId);
    p.put("name", file.fileName());
    p.put("size", file.content().length());
    p.put("sha", file.sha256());
    p.put("content", file.content());
    p.put("user", userId);
    return SqlTemplate.forUpdate(db, SAVE_FILE).execute(p).mapEmpty();
  }

  private static CallGuide guide(Row row) {
    String name = row.getString("contact_name");
    return new CallGuide(name == null ? null : new ContactDetails(name, row.getString("contact_phone"),
        row.getString("contact_email")), row.getString("file_name"), row.getInteger("size_bytes"));
  }
}
