package cn.qdaipark.scenariohub.auth;

import java.security.SecureRandom;

public final class RandomPassword {
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private RandomPassword() {
  }

  /** 20 random characters plus a fixed symbol and digit, so it passes the strength rule. */
  public static String generate() {
    SecureRandom random = new SecureRandom();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.append("#7").toString();
  }
}
