package cn.qdaipark.scenariohub.auth;

import cn.qdaipark.scenariohub.config.AppConfig;
import cn.qdaipark.scenariohub.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Issues and verifies the platform's HS256 JWTs; every token carries and is checked for exp, iss and aud. */
public final class TokenService {
  private final JWTAuth jwt;
  private final JWTOptions issueOptions;
  private final String issuer;
  private final String audience;
  private final byte[] macKey;

  public TokenService(Vertx vertx, AppConfig config, String secret) {
    this.issuer = config.jwtIssuer();
    this.audience = config.jwtAudience();
    this.macKey = hmac(secret.getBytes(StandardCharsets.UTF_8), "scenariohub session binding");
    this.issueOptions = new JWTOptions()
        .setAlgorithm("HS256")
        .setIssuer(issuer)
        .setAudience(List.of(audience))
        .setExpiresInSeconds(config.tokenTtlSeconds());
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
        .setJWTOptions(new JWTOptions().setIssuer(issuer).setAudience(List.of(audience)).setLeeway(5)));
  }

  public int ttlSeconds() {
    return issueOptions.getExpiresInSeconds();
  }

  public String issue(UserAccount user) {
    JsonObject claims = new JsonObject()
        .put("sub", Long.toString(user.id()))
        .put("email", user.email())
        .put("role", user.role().wire())
        .put("jti", UUID.randomUUID().toString())
        .put("ver", user.tokenVersion());
    if (user.organizationId() != null) {
      claims.put("org", user.organizationId());
    }
    return jwt.generateToken(claims, issueOptions);
  }

  /** A verified token: its caller, and the account's token version it was issued under (0 before versions). */
  record Claimed(CurrentUser user, int version) {
  }

  /** The caller described by the token, or a 401 for a forged, expired, foreign or incomplete token. */
  Future<Claimed> verify(String token) {
    return authenticate(token)
        .recover(e -> Future.failedFuture(ApiException.unauthorized("登录凭证无效或已过期，请重新登录")))
        .map(user -> user.attributes().getJsonObject("accessToken", new JsonObject()))
        .map(claims -> new Claimed(toCurrentUser(claims), claims.getValue("ver") instanceof Number v ? v.intValue() : 0));
  }

  /** The provider throws, rather than failing, on a signed claim of the wrong type (an {@code exp} that is text). */
  private Future<User> authenticate(String token) {
    try {
      return jwt.authenticate(new TokenCredentials(token));
    } catch (RuntimeException wronglyTyped) {
      return Future.failedFuture(wronglyTyped);
    }
  }

  /**
   * An HMAC-SHA256 of {@code value} (base64url), under a key derived from the signing secret: ties a value such as a
   * form token to a session without a second secret to keep, and without signing anything that could pass for a JWT.
   */
  public String mac(String value) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(macKey, value));
  }

  private static byte[] hmac(byte[] key, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private CurrentUser toCurrentUser(JsonObject claims) {
    Object aud = claims.getValue("aud");
    boolean audienceOk = aud instanceof String s ? s.equals(audience)
        : aud instanceof io.vertx.core.json.JsonArray a && a.contains(audience);
    Role role = Role.parse(claims.getString("role", "")).orElse(null);
    if (!(claims.getValue("exp") instanceof Number) || !issuer.equals(claims.getString("iss"))
        || !audienceOk || role == null || claims.getString("sub") == null || claims.getString("jti") == null) {
      throw ApiException.unauthorized("登录凭证无效或已过期，请重新登录");
    }
    try {
      Number org = (Number) claims.getValue("org");
      return new CurrentUser(Long.parseLong(claims.getString("sub")), claims.getString("email"), role,
          org == null ? null : org.longValue(), UUID.fromString(claims.getString("jti")),
          claims.getLong("exp"), null);
    } catch (RuntimeException e) {
      throw ApiException.unauthorized("登录凭证无效或已过期，请重新登录");
    }
  }
}
