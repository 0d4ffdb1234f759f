package cn.qdaipark.scenariohub.auth;

import cn.qdaipark.scenariohub.audit.AuditLog;
import cn.qdaipark.scenariohub.db.Rows;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.mail.Mailing;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Forgotten passwords. A request answers the same whether or not the e-mail has an account, and does the same work
 * either way: it takes the rate-limit buckets and runs one statement that, only for an existing account, stores the
 * SHA-256 of a fresh random token and queues the e-mail carrying the token (sent even to people who turned e-mails
 * off: it is what they asked for; the outbox empties that e-mail's body once sent). A token lives 30 minutes and is used once; the reset raises the account's token
 * version, which refuses every token and session cookie issued before.
 */
public final class PasswordResets {
  static final Duration LIFETIME = Duration.ofMinutes(30);
  /** Requests per e-mail an hour (per client address: a setting); beyond, nothing is sent and the answer stays the same. */
  static final int PER_EMAIL = 3;
  private static final Duration WINDOW = Duration.ofHours(1);
  public static final String TOKEN_INVALID = "重置链接无效、已使用或已过期，请重新申请";
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final String REQUEST = "WITH account AS (SELECT id, email FROM users WHERE lower(email) = #{email}), "
      + "reset AS (INSERT INTO password_resets (token_hash, user_id, expires_at) "
      + "SELECT #{hash}, id, #{expires} FROM account WHERE #{mail} RETURNING user_id) "
      + "INSERT INTO email_outbox (user_id, recipient, subject, secret, body) "
      + "SELECT a.id, a.email, '【智算谷·场景汇】重置密码', true, "
      + "E'您（或有人以您的邮箱）申请重置智算谷·场景汇账号的密码。\\n\\n请在 30 分钟内打开下面的链接设置新密码，链接只能使用一次：\\n' "
      + "|| #{base} || '/password-reset/confirm?token=' || #{token} || "
      + "E'\\n\\n如果不是您本人申请，请忽略这封邮件，您的密码不会改变。' || " + Mailing.FOOTER + " "
      + "FROM reset r JOIN account a ON a.id = r.user_id";
  private static final String FIND = "SELECT u.id, u.email, u.display_name FROM password_resets r "
      + "JOIN users u ON u.id = r.user_id WHERE r.token_hash = #{hash} AND r.used_at IS NULL AND r.expires_at > #{now}";
  private static final String USE = "UPDATE password_resets SET used_at = #{now} "
      + "WHERE token_hash = #{hash} AND used_at IS NULL AND expires_at > #{now} RETURNING user_id";
  private static final String USE_OTHERS = "UPDATE password_resets SET used_at = #{now} "
      + "WHERE user_id = #{user} AND used_at IS NULL";
  private static final String SET_PASSWORD = "UPDATE users SET password_hash = #{hash}, "
      + "token_version = token_version + 1 WHERE id = #{user}";

  private final Pool pool;
  private final AuthService auth;
  private final Mailing mailing;
  private final AuditLog audit;
  private final Clock clock;
  private final int perAddress;
  private final RateLimitRepository buckets = new RateLimitRepository();

  public PasswordResets(Pool pool, AuthService auth, Mailing mailing, AuditLog audit, Clock clock, int perAddress) {
    this.perAddress = perAddress;
    this.pool = pool;
    this.auth = auth;
    this.mailing = mailing;
    this.audit = audit;
    this.clock = clock;
  }

  /** A well-formed e-mail, lower-cased; else a 400 on {@code email} (which says nothing about accounts). */
  public static String validEmail(Object value) {
    String email = value instanceof String s ? s.strip().toLowerCase() : "";
    if (email.length() > 254 || !AuthService.EMAIL.matcher(email).matches()) {
      throw ApiException.validation(Map.of("email", "邮箱格式不正确"));
    }
    return email;
  }

  /** Sends a reset link when the e-mail has an account and the limits allow; succeeds the same way in every case. */
  public Future<Void> request(String email, String address) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    String token = newToken();
    return pool.withTransaction(db -> allowed(db, "reset-address:" + address, perAddress, now)
        .compose(byAddress -> allowed(db, "reset-email:" + HexFormat.of().formatHex(sha256(email)), PER_EMAIL, now)
            .map(byEmail -> byAddress && byEmail))
        .compose(allowed -> !allowed ? Future.succeededFuture()
            : SqlTemplate.forUpdate(db, REQUEST).execute(Map.of("email", email, "hash", Buffer.buffer(sha256(token)),
                "expires", now.plus(LIFETIME), "mail", mailing.enabled(), "base", mailing.baseUrl(), "token", token))
                .mapEmpty()));
  }

  /** Counts one hit; false once the bucket is past its limit (the hit that reaches the limit still passes). */
  private Future<Boolean> allowed(SqlClient db, String bucket, int limit, OffsetDateTime now) {
    return buckets.take(db, bucket, now, now.plus(WINDOW), false).compose(taken -> {
      if (taken.isEmpty()) {
        return Future.succeededFuture(false);
      }
      return taken.get().hits() < limit ? Future.succeededFuture(true)
          : buckets.block(db, bucket, taken.get().expiresAt(), taken.get().expiresAt()).map(true);
    });
  }

  /**
   * Sets the new password of the token's account, uses the token up and revokes every earlier token of the account;
   * a 400 on {@code token} (unknown, used or expired) or {@code password} (too short, long or guessable).
   */
  public Future<Void> confirm(Object tokenValue, Object passwordValue) {
    String token = tokenValue instanceof String t ? t.strip() : "";
    String password = passwordValue instanceof String p ? p : "";
    String problem = PasswordPolicy.formProblem(password);
    if (problem != null) {
      return Future.failedFuture(ApiException.validation(Map.of("password", problem)));
    }
    if (!TOKEN.matcher(token).matches()) {
      return Future.failedFuture(ApiException.validation(Map.of("token", TOKEN_INVALID)));
    }
    Buffer hash = Buffer.buffer(sha256(token));
    return SqlTemplate.forQuery(pool, FIND).execute(Map.of("hash", hash, "now", OffsetDateTime.now(clock)))
        .map(Rows::first)
        .compose(found -> found.isEmpty() ? Future.failedFuture(ApiException.validation(Map.of("token", TOKEN_INVALID)))
            : auth.strongEnough(password, known(found.get().getString("email"), found.get().getString("display_name")))
                .compose(strong -> auth.hash(password))
                .compose(passwordHash -> pool.withTransaction(db -> reset(db, hash, passwordHash))));
  }

  private Future<Void> reset(SqlClient db, Buffer tokenHash, String passwordHash) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return SqlTemplate.forQuery(db, USE).execute(Map.of("hash", tokenHash, "now", now))
        .map(rows -> Rows.first(rows).map(row -> row.getLong("user_id")))
        .compose((Optional<Long> used) -> {
          if (used.isEmpty()) {
            return Future.failedFuture(ApiException.validation(Map.of("token", TOKEN_INVALID)));
          }
          long user = used.get();
          return SqlTemplate.forUpdate(db, USE_OTHERS).execute(Map.of("user", user, "now", now))
              .compose(done -> SqlTemplate.forUpdate(db, SET_PASSWORD).execute(Map.of("user", user, "hash", passwordHash)))
              .compose(done -> audit.record(db, user, "user.password_reset", "user", user, null));
        });
  }

  private static List<String> known(String email, String displayName) {
    return List.of(email, email.substring(0, email.indexOf('@')), displayName);
  }

  /** 256 random bits, base64url: 43 characters. */
  private static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
