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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
  /** A login's answer is a credential, which is never stored; the key of a login is ignored. */
  private static final String LOGIN_PATH = "/auth/login";

  private final Vertx vertx;
  private final Pool pool;
  private final IdempotencyRepository keys = new IdempotencyRepository();
  private final AtomicLong lastPrune = new AtomicLong(System.nanoTime() - PRUNE_EVERY_NANOS);

  public IdempotencyHandler(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  @Override
  public void handle(RoutingContext ctx) {
    List<String> values = ctx.request().headers().getAll(HEADER);
    if (values.isEmpty() || ctx.request().path().endsWith(LOGIN_PATH)) {
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

  /** SHA-256 of the method, the path with its query and the body; of an upload, its form and files' contents. */
  private Future<byte[]> fingerprint(RoutingContext ctx) {
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    MessageDigest sha = requestDigest(ctx.request().method().name(), ctx.request().uri(),
        body == null ? new byte[0] : body.getBytes());
    List<FileUpload> uploads = ctx.fileUploads();
    if (uploads.isEmpty()) {
      return Future.succeededFuture(sha.digest());
    }
    for (Map.Entry<String, String> attribute : ctx.request().formAttributes()) {
      field(sha, attribute.getKey());
      field(sha, attribute.getValue());
    }
    return vertx.executeBlocking(() -> {
      for (FileUpload upload : uploads) {
        field(sha, upload.name());
        field(sha, upload.fileName());
        field(sha, String.valueOf(upload.contentType()));
        field(sha, fileDigest(Path.of(upload.uploadedFileName())));
      }
      return sha.digest();
    }, false);
  }

  static MessageDigest requestDigest(String method, String uri, byte[] body) {
    MessageDigest sha = sha256();
    field(sha, method);
    field(sha, uri);
    field(sha, body);
    return sha;
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
  private static void field(MessageDigest sha, String value) {
    field(sha, value.getBytes(StandardCharsets.UTF_8));
  }

  private static void field(MessageDigest sha, byte[] value) {
    sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(value.length).array());
    sha.update(value);
  }

  private static byte[] fileDigest(Path file) {
    MessageDigest sha = sha256();
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

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
