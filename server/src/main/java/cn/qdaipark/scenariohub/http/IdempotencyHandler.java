package cn.qdaipark.scenariohub.http;

import cn.qdaipark.scenariohub.auth.CurrentUser;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Idempotency-Key} header of POST requests (after the IETF draft and Stripe): the first answer to a
 * caller's key is stored and a retry with the same key and request gets it again, marked
 * {@code Idempotent-Replayed: true}, instead of creating a second record. Mounted after the authenticator with
 * {@link #released} as the failure handler of the same routes.
 */
public final class IdempotencyHandler implements Handler<RoutingContext> {
  public static final String HEADER = "Idempotency-Key";
  private static final Logger log = LoggerFactory.getLogger(IdempotencyHandler.class);
  private static final int MAX_KEY_LENGTH = 255;
  private static final long PRUNE_EVERY_NANOS = TimeUnit.MINUTES.toNanos(10);
  /**
   * The answers of a login (a token) and of an invitation (its code, kept only hashed) are credentials, which are
   * never stored: their key is ignored.
   */
  private static final Pattern CREDENTIAL_ANSWERS = Pattern.compile(".*/(auth/login|organizations/[^/]+/invitations)/?");
  private static final String HMAC = "HmacSHA256";

  private final Vertx vertx;
  private final Pool pool;
  private final SecretKeySpec fingerprintKey;
  private final IdempotencyRepository keys = new IdempotencyRepository();
  private final AtomicLong lastPrune = new AtomicLong(System.nanoTime() - PRUNE_EVERY_NANOS);

  /** {@code secret} is shared by every replica (the token signing secret): a fingerprint is keyed by it. */
  public IdempotencyHandler(Vertx vertx, Pool pool, String secret) {
    this.vertx = vertx;
    this.pool = pool;
    this.fingerprintKey = fingerprintKey(secret);
  }

  @Override
  public void handle(RoutingContext ctx) {
    List<String> values = ctx.request().headers().getAll(HEADER);
    if (values.isEmpty() || CREDENTIAL_ANSWERS.matcher(ctx.request().path()).matches()) {
      ctx.next();
      return;
    }
    if (values.size() != 1 || !valid(values.get(0))) {
      ctx.fail(new ApiException(400, "idempotency_key_invalid",
          "Idempotency-Key 应为 1 到 " + MAX_KEY_LENGTH + " 个可见 ASCII 字符，且只能有一个"));
      return;
    }
    pruneIfDue();
    String owner = owner(ctx);
    fingerprint(ctx)
        .compose(fingerprint -> admit(ctx, owner, values.get(0), fingerprint, 0))
        .onFailure(ctx::fail);
  }

  /** The failure handler: frees the key of a request whose handler failed, then passes the failure on. */
  public void released(RoutingContext ctx) {
    IdempotencyScope scope = IdempotencyScope.of(ctx);
    (scope == null ? Future.<Void>succeededFuture() : scope.failed(ctx)).onComplete(done -> ctx.next());
  }

  static ApiException inProgress() {
    return new ApiException(409, "idempotency_in_progress", "使用同一 Idempotency-Key 的请求仍在处理中，请稍后重试");
  }

  private Future<Void> admit(RoutingContext ctx, String owner, String key, byte[] fingerprint, int attempt) {
    UUID lease = UUID.randomUUID();
    return keys.reserve(pool, owner, key, fingerprint, lease).compose(reserved -> {
      if (reserved.isPresent()) {
        return run(ctx, reserved.get(), lease);
      }
      return keys.find(pool, owner, key).compose(found -> found.isEmpty() && attempt < 2
          // released between our insert and our read: reserve again
          ? admit(ctx, owner, key, fingerprint, attempt + 1)
          : alreadyUsed(ctx, found, fingerprint, lease));
    });
  }

  private Future<Void> alreadyUsed(RoutingContext ctx, Optional<IdempotencyRepository.Existing> found,
                                   byte[] fingerprint, UUID lease) {
    if (found.isEmpty()) {
      return busy(ctx);
    }
    IdempotencyRepository.Existing existing = found.get();
    if (!MessageDigest.isEqual(existing.fingerprint(), fingerprint)) {
      return Future.failedFuture(new ApiException(422, "idempotency_key_reused",
          "该 Idempotency-Key 已用于另一个请求（方法、路径或请求体不同），请换一个新的键"));
    }
    if (existing.answer().isPresent()) {
      existing.answer().get().replay(ctx.response());
      return Future.succeededFuture();
    }
    if (!existing.lapsed()) {
      return busy(ctx);
    }
    return keys.takeOver(pool, existing.id(), existing.lease(), lease)
        .compose(taken -> taken ? run(ctx, existing.id(), lease) : busy(ctx));
  }

  private Future<Void> run(RoutingContext ctx, long id, UUID lease) {
    IdempotencyScope.attach(ctx, pool, keys, id, lease);
    ctx.next();
    return Future.succeededFuture();
  }

  private static Future<Void> busy(RoutingContext ctx) {
    ctx.response().putHeader("Retry-After", "1");
    return Future.failedFuture(inProgress());
  }

  static boolean valid(String key) {
    return !key.isEmpty() && key.length() <= MAX_KEY_LENGTH && key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }

  /** Keys are per caller: a user's, or without a token (registering) the client address's. */
  private static String owner(RoutingContext ctx) {
    return CurrentUser.of(ctx).map(user -> "user:" + user.id())
        .orElseGet(() -> "address:" + (ctx.request().remoteAddress() == null ? "unknown"
            : ctx.request().remoteAddress().hostAddress()));
  }

  /**
   * HMAC-SHA256 of the method, the path with its query and the body; of an upload, its form and files' contents.
   * Keyed, because a body may hold a password (a registration): a bare hash stored in the database could be
   * guessed against far faster than the password's own slow hash.
   */
  private Future<byte[]> fingerprint(RoutingContext ctx) {
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    Mac mac = requestMac(fingerprintKey, ctx.request().method().name(), ctx.request().uri(),
        body == null ? new byte[0] : body.getBytes());
    List<FileUpload> uploads = ctx.fileUploads();
    if (uploads.isEmpty()) {
      return Future.succeededFuture(mac.doFinal());
    }
    for (Map.Entry<String, String> attribute : ctx.request().formAttributes()) {
      field(mac, attribute.getKey());
      field(mac, attribute.getValue());
    }
    return vertx.executeBlocking(() -> {
      for (FileUpload upload : uploads) {
        field(mac, upload.name());
        field(mac, upload.fileName());
        field(mac, String.valueOf(upload.contentType()));
        field(mac, fileDigest(Path.of(upload.uploadedFileName())));
      }
      return mac.doFinal();
    }, false);
  }

  static Mac requestMac(SecretKeySpec key, String method, String uri, byte[] body) {
    Mac mac = hmac(key);
    field(mac, method);
    field(mac, uri);
    field(mac, body);
    return mac;
  }

  /** A key of its own derived from the shared secret, so that no fingerprint is ever a token signature. */
  static SecretKeySpec fingerprintKey(String secret) {
    Mac derive = hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
    return new SecretKeySpec(derive.doFinal("Idempotency-Key fingerprint".getBytes(StandardCharsets.UTF_8)), HMAC);
  }

  private void pruneIfDue() {
    long last = lastPrune.get();
    long now = System.nanoTime();
    if (now - last >= PRUNE_EVERY_NANOS && lastPrune.compareAndSet(last, now)) {
      keys.prune(pool)
          .onSuccess(count -> log.debug("pruned {} expired idempotency keys", count))
          .onFailure(e -> log.warn("pruning expired idempotency keys failed; the next request retries", e));
    }
  }

  /** Length-prefixed, so that no two different requests hash the same bytes. */
  private static void field(Mac mac, String value) {
    field(mac, value.getBytes(StandardCharsets.UTF_8));
  }

  private static void field(Mac mac, byte[] value) {
    mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(value.length).array());
    mac.update(value);
  }

  private static byte[] fileDigest(Path file) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] chunk = new byte[64 * 1024];
      for (int n = in.read(chunk); n > 0; n = in.read(chunk)) {
        sha.update(chunk, 0, n);
      }
      return sha.digest();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Mac hmac(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
    }
  }
}
