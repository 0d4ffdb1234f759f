package cn.qdaipark.scenariohub.auth;

import cn.qdaipark.scenariohub.config.AppConfig;
import cn.qdaipark.scenariohub.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The JWT signing secret: from configuration, or generated once and kept in the data directory. */
public final class SigningKey {
  private static final int MIN_LENGTH = 32;

  private SigningKey() {
  }

  public static String load(AppConfig config) {
    if (config.jwtSecret() != null) {
      if (config.jwtSecret().length() < MIN_LENGTH) {
        throw new ConfigException("JWT_SECRET must be at least " + MIN_LENGTH + " characters");
      }
      return config.jwtSecret();
    }
    Path file = config.dataDir().resolve("jwt-secret");
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
      Files.createDirectories(file.getParent());
      byte[] bytes = new byte[48];
      new SecureRandom().nextBytes(bytes);
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      Files.writeString(file, secret, StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system: the data directory's own permissions protect the key
      }
      return secret;
    } catch (IOException e) {
      throw new ConfigException("cannot read or create the JWT key " + file + ": " + e.getMessage());
    }
  }
}
