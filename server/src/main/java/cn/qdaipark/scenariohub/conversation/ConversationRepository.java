package cn.qdaipark.scenariohub.conversation;

import cn.qdaipark.scenariohub.application.PdfUpload;
import cn.qdaipark.scenariohub.db.Rows;
import cn.qdaipark.scenariohub.http.Page;
import cn.qdaipark.scenariohub.http.PageRequest;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class ConversationRepository {
  private static final String SELECT = "SELECT c.id, c.posting_id, c.solution_id, COALESCE(p.title, s.title) AS subject_title, "
      + "COALESCE(p.organization_id, s.organization_id) AS owner_id, c.org_low, lo.name AS low_name, c.org_high, "
      + "hi.name AS high_name, c.created_at, c.last_message_at";
  private static final String FROM = " FROM conversations c LEFT JOIN postings p ON p.id = c.posting_id "
      + "LEFT JOIN solutions s ON s.id = c.solution_id JOIN organizations lo ON lo.id = c.org_low "
      + "JOIN organizations hi ON hi.id = c.org_high ";
  private static final String BY_ID = SELECT + FROM + "WHERE c.id = #{id}";
  /** Unread: the other organization's messages after the reader's marker. */
  private static final String UNREAD = "(SELECT count(*) FROM conversation_messages m WHERE m.conversation_id = c.id "
      + "AND m.organization_id <> #{org} AND m.id > COALESCE(r.last_read_message_id, 0))";
  private static final String LIST_OF_ORG = SELECT + ", " + UNREAD + " AS unread, count(*) OVER () AS total" + FROM
      + "LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = #{user} "
      + "WHERE c.org_low = #{org} OR c.org_high = #{org} "
      + "ORDER BY c.last_message_at DESC, c.id DESC LIMIT #{limit} OFFSET #{offset}";
  private static final String LIST_ALL = SELECT + ", count(*) OVER () AS total" + FROM
      + "ORDER BY c.last_message_at DESC, c.id DESC LIMIT #{limit} OFFSET #{offset}";
  private static final String UNREAD_TOTAL = "SELECT count(*) AS n FROM conversations c "
      + "JOIN conversation_messages m ON m.conversation_id = c.id AND m.organization_id <> #{org} "
      + "LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = #{user} "
      + "WHERE (c.org_low = #{org} OR c.org_high = #{org}) AND m.id > COALESCE(r.last_read_message_id, 0)";
  // Two opens at once meet on the unique index: the second waits for the first to commit, inserts nothing and
  // then, in a statement of its own, reads the first's row.
  private static final String INSERT = "INSERT INTO conversations (posting_id, solution_id, org_low, org_high) "
      + "VALUES (#{posting}, #{solution}, #{low}, #{high}) ON CONFLICT DO NOTHING RETURNING id";
  private static final String FIND_FOR_POSTING = "SELECT id FROM conversations WHERE posting_id = #{posting} "
      + "AND org_low = #{low} AND org_high = #{high}";
  private static final String FIND_FOR_SOLUTION = "SELECT id FROM conversations WHERE solution_id = #{solution} "
      + "AND org_low = #{low} AND org_high = #{high}";
  private static final String MESSAGES = "SELECT m.id, m.conversation_id, m.organization_id, o.name AS organization_name, "
      + "m.user_id, u.display_name AS author, m.body, m.created_at, a.id AS attachment_id, a.file_name, a.size_bytes, "
      + "a.sha256, count(*) OVER () AS total FROM conversation_messages m JOIN organizations o ON o.id = m.organization_id "
      + "JOIN users u ON u.id = m.user_id LEFT JOIN conversation_attachments a ON a.message_id = m.id "
      + "WHERE m.conversation_id = #{id} ORDER BY m.id DESC LIMIT #{limit} OFFSET #{offset}";
  private static final String INSERT_MESSAGE = "INSERT INTO conversation_messages (conversation_id, organization_id, "
      + "user_id, body) VALUES (#{id}, #{org}, #{user}, #{body}) RETURNING id";
  private static final String TOUCH = "UPDATE conversations SET last_message_at = now() WHERE id = #{id}";
  private static final String INSERT_ATTACHMENT = "INSERT INTO conversation_attachments (message_id, conversation_id, "
      + "file_name, size_bytes, sha256, content, uploaded_by) VALUES (#{message}, #{id}, #{name}, #{size}, #{sha256}, "
      + "#{content}, #{user})";
  private static final String ATTACHMENT = "SELECT file_name, sha256, content FROM conversation_attachments "
      + "WHERE conversation_id = #{id} AND id = #{attachment}";
  private static final String MARK_READ = "INSERT INTO conversation_reads (conversation_id, user_id, last_read_message_id) "
      + "SELECT #{id}, #{user}, COALESCE(max(id), 0) FROM conversation_messages WHERE conversation_id = #{id} "
      + "ON CONFLICT (conversation_id, user_id) DO UPDATE SET last_read_message_id = "
      + "GREATEST(conversation_reads.last_read_message_id, excluded.last_read_message_id)";
  private static final String CONTACTS = "SELECT conversation_id, organization_id, name, phone, email, shared, updated_at "
      + "FROM conversation_contacts WHERE conversation_id = #{id} ORDER BY organization_id";
  private static final String SHARE = "INSERT INTO conversation_contacts (conversation_id, organization_id, name, phone, "
      + "email, shared, updated_by) VALUES (#{id}, #{org}, #{name}, #{phone}, #{email}, TRUE, #{user}) "
      + "ON CONFLICT (conversation_id, organization_id) DO UPDATE SET name = excluded.name, phone = excluded.phone, "
      + "email = excluded.email, shared = TRUE, updated_by = excluded.updated_by, updated_at = now() "
      + "RETURNING conversation_id, organization_id, name, phone, email, shared, updated_at";
  private static final String UNSHARE = "UPDATE conversation_contacts SET shared = FALSE, updated_by = #{user}, "
      + "updated_at = now() WHERE conversation_id = #{id} AND organization_id = #{org} AND shared RETURNING organization_id";

  /** The thread's id and whether this call created it. */
  record Opened(long id, boolean created) {
  }

  Future<Opened> open(SqlClient db, Long postingId, Long solutionId, long orgA, long orgB) {
    Map<String, Object> p = new HashMap<>();
    p.put("posting", postingId);
    p.put("solution", solutionId);
    p.put("low", Math.min(orgA, orgB));
    p.put("high", Math.max(orgA, orgB));
    return SqlTemplate.forQuery(db, INSERT).execute(p)
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture(new Opened(rows.iterator().next().getLong("id"), true))
            : SqlTemplate.forQuery(db, postingId != null ? FIND_FOR_POSTING : FIND_FOR_SOLUTION).execute(p)
                .map(found -> new Opened(found.iterator().next().getLong("id"), false)));
  }

  Future<Optional<Conversation>> findById(SqlClient db, long id) {
    return SqlTemplate.forQuery(db, BY_ID).mapTo(Conversation::fromRow).execute(Map.of("id", id)).map(Rows::first);
  }

  Future<Page<Conversation>> listOf(SqlClient db, long orgId, long userId, PageRequest page) {
    Map<String, Object> p = new HashMap<>();
    p.put("org", orgId);
    p.put("user", userId);
    page.addTo(p);
    return SqlTemplate.forQuery(db, LIST_OF_ORG).execute(p).map(rows -> Page.fromRows(rows, Conversation::fromRow));
  }

  Future<Page<Conversation>> listAll(SqlClient db, PageRequest page) {
    Map<String, Object> p = new HashMap<>();
    page.addTo(p);
    return SqlTemplate.forQuery(db, LIST_ALL).execute(p).map(rows -> Page.fromRows(rows, Conversation::fromRow));
  }

  Future<Long> unreadTotal(SqlClient db, long orgId, long userId) {
    return SqlTemplate.forQuery(db, UNREAD_TOTAL).execute(Map.of("org", orgId, "user", userId))
        .map(rows -> rows.iterator().next().getLong("n"));
  }

  /** One page of messages counted from the newest, returned oldest first. */
  Future<Page<Message>> messages(SqlClient db, long id, PageRequest page) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", id);
    page.addTo(p);
    return SqlTemplate.forQuery(db, MESSAGES).execute(p).map(rows -> {
      Page<Message> newestFirst = Page.fromRows(rows, Message::fromRow);
      List<Message> items = new ArrayList<>(newestFirst.items());
      Collections.reverse(items);
      return new Page<>(items, newestFirst.total());
    });
  }

  Future<Long> insertMessage(SqlClient db, long id, long orgId, long userId, String body) {
    return SqlTemplate.forQuery(db, INSERT_MESSAGE)
        .execute(Map.of("id", id, "org", orgId, "user", userId, "body", body))
        .map(rows -> rows.iterator().next().getLong("id"))
        .compose(messageId -> SqlTemplate.forUpdate(db, TOUCH).execute(Map.of("id", id)).map(messageId));
  }

  Future<Void> insertAttachment(SqlClient db, long id, long messageId, PdfUpload file, long userId) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", id);
    p.put("message", messageId);
    p.put("name", file.fileName());
    p.put("size", file.content().length());
    p.put("sha256", file.sha256());
    p.put("content", file.content());
    p.put("user", userId);
    return SqlTemplate.forUpdate(db, INSERT_ATTACHMENT).execute(p).mapEmpty();
  }

  Future<Optional<MessageFile>> attachment(SqlClient db, long id, long attachmentId) {
    return SqlTemplate.forQuery(db, ATTACHMENT).execute(Map.of("id", id, "attachment", attachmentId))
        .map(rows -> Rows.first(rows).map(row -> new MessageFile(row.getString("file_name"), row.getString("sha256"),
            row.getBuffer("content"))));
  }

  /** Moves the reader's marker to the thread's newest message. */
  Future<Void> markRead(SqlClient db, long id, long userId) {
    return SqlTemplate.forUpdate(db, MARK_READ).execute(Map.of("id", id, "user", userId)).mapEmpty();
  }

  Future<List<SharedContact>> contacts(SqlClient db, long id) {
    return SqlTemplate.forQuery(db, CONTACTS).mapTo(SharedContact::fromRow).execute(Map.of("id", id)).map(Rows::all);
  }

  Future<SharedContact> share(SqlClient db, long id, long orgId, long userId, ContactDetails details) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", id);
    p.put("org", orgId);
    p.put("user", userId);
    p.put("name", details.name());
    p.put("phone", details.phone());
    p.put("email", details.email());
    return SqlTemplate.forQuery(db, SHARE).mapTo(SharedContact::fromRow).execute(p).map(rows -> rows.iterator().next());
  }

  /** True when the details were shown and are now hidden. */
  Future<Boolean> unshare(SqlClient db, long id, long orgId, long userId) {
    return SqlTemplate.forQuery(db, UNSHARE).execute(Map.of("id", id, "org", orgId, "user", userId))
        .map(rows -> rows.size() == 1);
  }
}
