package cn.qdaipark.scenariohub.db;

import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server started by the platform itself under {@code DATA_DIR/pg}, configured to be safe to run:
 * every commit is flushed to disk before it is acknowledged; password (SCRAM) authentication on loopback only, no
 * Unix socket; the application connects as a role that owns only its schema (see {@link EmbeddedSchema}). The
 * postmaster is supervised: when it dies it is started again, with growing pauses, on the same port.
 */
final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
  static final String SUPERUSER = "postgres";
  /** Crash recovery after a kill replays the WAL before the server answers. */
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(90);
  private static final long FIRST_RESTART_DELAY_MS = 500;
  private static final long MAX_RESTART_DELAY_MS = 30_000;
  /** Later -c options override zonky's built-in -F (fsync off) and synchronous_commit=off. */
  private static final Map<String, String> SERVER_SETTINGS = Map.of(
      "fsync", "on",
      "synchronous_commit", "on",
      "full_page_writes", "on",
      "listen_addresses", "localhost",
      "unix_socket_directories", "''",
      "password_encryption", "scram-sha-256",
      "max_connections", "100");
  private static final String HBA = """
      # Written by ScenarioHub at every start: password (SCRAM) logins over loopback TCP only.
      # TYPE  DATABASE  USER  ADDRESS       METHOD
      host    all       all   127.0.0.1/32  scram-sha-256
      host    all       all   ::1/128       scram-sha-256
      """;

  private final Path dataDir;
  private final Path pgData;
  private final int port;
  private final DatabaseCredentials credentials;
  private final FileChannel lockChannel;
  private final FileLock processLock;
  private final Object lifecycle = new Object();
  private EmbeddedPostgres server;
  private boolean closing;
  private int restarts;

  private EmbeddedDatabase(Path dataDir, int port, DatabaseCredentials credentials, FileChannel lockChannel,
                           FileLock processLock) {
    this.dataDir = dataDir;
    this.pgData = dataDir.resolve("pg");
    this.port = port;
    this.credentials = credentials;
    this.lockChannel = lockChannel;
    this.processLock = processLock;
  }

  /**
   * Starts (creating on first use) the database in {@code dataDir/pg}. A postmaster left behind by a crashed run is
   * stopped first; a data directory from a version that trusted local connections is converted once.
   */
  static EmbeddedDatabase start(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    FileChannel channel = FileChannel.open(dataDir.resolve("db.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = channel.tryLock();
    if (lock == null) {
      channel.close();
      throw new DatabaseUnavailableException("another ScenarioHub process is using the embedded database in " + dataDir
          + "; stop it first (only one process can open it)", null);
    }
    try {
      Path pgData = dataDir.resolve("pg");
      OrphanPostmaster.stopIfRunning(pgData);
      boolean fresh = !Files.exists(pgData.resolve("PG_VERSION"));
      boolean legacy = !fresh && !DatabaseCredentials.exist(dataDir);
      DatabaseCredentials credentials = DatabaseCredentials.loadOrCreate(dataDir);
      EmbeddedDatabase db = new EmbeddedDatabase(dataDir, freePort(), credentials, channel, lock);
      db.startServer(fresh, legacy);
      return db;
    } catch (IOException | RuntimeException e) {
      lock.release();
      channel.close();
      throw e;
    }
  }

  /** The application's connection to the embedded database of a server that runs on {@code dataDir} now, if one does. */
  static Optional<PgConnectOptions> runningElsewhere(Path dataDir) {
    Path lockFile = dataDir.resolve("db.lock");
    if (!Files.exists(lockFile) || !DatabaseCredentials.exist(dataDir)) {
      return Optional.empty();
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        lock.release();
        return Optional.empty();
      }
      List<String> pid = Files.readAllLines(dataDir.resolve("pg/postmaster.pid"), StandardCharsets.UTF_8);
      return Optional.of(EmbeddedSchema.appConnectOptions(Integer.parseInt(pid.get(3).trim()),
          DatabaseCredentials.loadOrCreate(dataDir)));
    } catch (IOException | RuntimeException e) {
      throw new DatabaseUnavailableException("another process holds " + lockFile + " but its database cannot be reached: "
          + e.getMessage(), e);
    }
  }

  int port() {
    return port;
  }

  DatabaseCredentials credentials() {
    return credentials;
  }

  Path pgData() {
    return pgData;
  }

  /** The live postmaster's process, when one runs. */
  Optional<ProcessHandle> postmaster() {
    return OrphanPostmaster.find(pgData);
  }

  private void startServer(boolean fresh, boolean legacy) throws IOException {
    Path pwfile = fresh ? credentials.writeSuperuserPasswordFile(dataDir) : null;
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(pgData)
          .setCleanDataDirectory(false)
          .setRegisterShutdownHook(false)
          .setOverrideWorkingDirectory(dataDir.resolve("pg-bin").toFile())
          .setPort(port)
          .setPGStartupWait(STARTUP_WAIT)
          .setConnectConfig("password", credentials.superuserPassword())
          // a trusting legacy directory is converted once the server runs: its superuser has no password yet
          .setDataDirectoryCustomizer(dir -> {
            if (!legacy) {
              writeHba(dir.toPath());
            }
          });
      SERVER_SETTINGS.forEach(builder::setServerConfig);
      if (fresh) {
        // initdb options, given through zonky's locale options (the last -A/--auth wins over zonky's "trust")
        builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", pwfile.toString())
            .setLocaleConfig("locale", "C").setLocaleConfig("encoding", "UTF8");
      }
      EmbeddedPostgres started = builder.start();
      synchronized (lifecycle) {
        server = started;
      }
    } finally {
      if (pwfile != null) {
        Files.deleteIfExists(pwfile);
      }
    }
    EmbeddedSchema.prepare(this, legacy);
    if (legacy) {
      writeHba(pgData);
      EmbeddedSchema.reloadConfiguration(this);
      log.warn("the embedded database in {} trusted local connections; it now requires the passwords in {}", pgData,
          dataDir.resolve(DatabaseCredentials.FILE_NAME));
    }
    watchPostmaster();
  }

  private static void writeHba(Path pgData) {
    try {
      Path hba = pgData.resolve("pg_hba.conf");
      Files.writeString(hba, HBA, StandardCharsets.UTF_8);
      DatabaseCredentials.restrictToOwner(hba);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + pgData.resolve("pg_hba.conf"), e);
    }
  }

  private void watchPostmaster() {
    ProcessHandle postmaster = postmaster()
        .orElseThrow(() -> new DatabaseUnavailableException("the embedded PostgreSQL started but its postmaster.pid "
            + "names no running postgres process", null));
    postmaster.onExit().thenRun(() -> onPostmasterExit(postmaster.pid()));
  }

  private void onPostmasterExit(long pid) {
    synchronized (lifecycle) {
      if (closing) {
        return;
      }
    }
    log.error("the embedded PostgreSQL (pid {}) stopped unexpectedly; restarting it", pid);
    Thread restarter = new Thread(this::restartUntilRunning, "embedded-postgres-supervisor");
    restarter.setDaemon(true);
    restarter.start();
  }

  /** Restarts with pauses that double from half a second to 30 s; crash recovery replays the WAL. */
  private void restartUntilRunning() {
    long delay = FIRST_RESTART_DELAY_MS;
    while (true) {
      synchronized (lifecycle) {
        if (closing) {
          return;
        }
        closeServerQuietly();
        try {
          OrphanPostmaster.stopIfRunning(pgData);
          startServer(false, false);
          restarts++;
          log.info("the embedded PostgreSQL runs again on port {} (restart {})", port, restarts);
          return;
        } catch (IOException | RuntimeException e) {
          log.error("restarting the embedded PostgreSQL failed ({}); next attempt in {} ms", e.getMessage(), delay);
        }
      }
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      delay = Math.min(delay * 2, MAX_RESTART_DELAY_MS);
    }
  }

  int restarts() {
    synchronized (lifecycle) {
      return restarts;
    }
  }

  private void closeServerQuietly() {
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        log.warn("stopping the embedded PostgreSQL failed: {}", e.getMessage());
      }
      server = null;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    synchronized (lifecycle) {
      closing = true;
      closeServerQuietly();
    }
    try {
      processLock.release();
      lockChannel.close();
    } catch (IOException e) {
      log.warn("releasing {} failed: {}", dataDir.resolve("db.lock"), e.getMessage());
    }
  }
}
