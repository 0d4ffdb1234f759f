package cn.qdaipark.scenariohub.db;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;

/**
 * The passwords of the embedded database's superuser and of the application's own role, generated at the first
 * start and kept in {@code DATA_DIR/db-credentials} readable by the owner only.
 */
record DatabaseCredentials(String superuserPassword, String appPassword) {
  static final String FILE_NAME = "db-credentials";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  static boolean exist(Path dataDir) {
    return Files.exists(dataDir.resolve(FILE_NAME));
  }

  static DatabaseCredentials loadOrCreate(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      DatabaseCredentials fresh = new DatabaseCredentials(randomSecret(), randomSecret());
      try {
        fresh.writeTo(file);
        return fresh;
      } catch (FileAlreadyExistsException raced) {
        // another process created it first: read theirs below
      }
    }
    restrictToOwner(file);
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(reader);
    }
    String superuser = props.getProperty("superuser.password");
    String app = props.getProperty("app.password");
    if (superuser == null || app == null) {
      throw new IOException(file + " is incomplete: it needs superuser.password and app.password");
    }
    return new DatabaseCredentials(superuser, app);
  }

  /** Writes a one-line file holding only the superuser password, as initdb's {@code --pwfile} wants it. */
  Path writeSuperuserPasswordFile(Path dir) throws IOException {
    Path file = Files.createTempFile(dir, "pwfile", ".tmp");
    restrictToOwner(file);
    Files.writeString(file, superuserPassword + "\n", StandardCharsets.UTF_8);
    return file;
  }

  private void writeTo(Path file) throws IOException {
    Properties props = new Properties();
    props.setProperty("superuser.password", superuserPassword);
    props.setProperty("app.password", appPassword);
    Path created;
    try {
      created = Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (UnsupportedOperationException notPosix) {
      created = Files.createFile(file);
    }
    try (Writer writer = Files.newBufferedWriter(created, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
      props.store(writer, "ScenarioHub embedded PostgreSQL passwords (generated at first start; keep private)");
    }
  }

  static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system: the data directory's own permissions protect the file
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "DatabaseCredentials[hidden]";
  }
}
