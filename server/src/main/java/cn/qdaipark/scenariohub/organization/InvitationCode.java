package cn.qdaipark.scenariohub.organization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** A random URL-safe invitation code; only its SHA-256 hex is ever stored. */
public final class InvitationCode {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** 16 random bytes: 22 URL-safe characters, 128 bits nobody can guess. */
  private static final int BYTES = 16;

  private InvitationCode() {
  }

  static String generate() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String hash(String code) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
