package cn.qdaipark.scenariohub.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A postmaster left running on our data directory by a server that died without stopping it (kill -9, OOM).
 * The embedded postmaster runs detached from the JVM, so it outlives a crash and keeps the data directory
 * locked; the next start stops it (a fast shutdown, which rolls back what was in flight) before starting its own.
 * Only called while holding the data directory's process lock, so no live server of ours owns the postmaster.
 */
final class OrphanPostmaster {
  private static final Logger log = LoggerFactory.getLogger(OrphanPostmaster.class);
  private static final Duration FAST_SHUTDOWN_WAIT = Duration.ofSeconds(30);
  private static final Duration IMMEDIATE_SHUTDOWN_WAIT = Duration.ofSeconds(10);

  private OrphanPostmaster() {
  }

  /** The live postmaster whose pid is in the data directory's {@code postmaster.pid}, if it is one. */
  static Optional<ProcessHandle> find(Path pgData) {
    return pidIn(pgData).flatMap(ProcessHandle::of)
        .filter(ProcessHandle::isAlive)
        .filter(OrphanPostmaster::isPostgres);
  }

  /** Stops an orphaned postmaster of this data directory, if one runs; answers whether one did. */
  static boolean stopIfRunning(Path pgData) throws IOException {
    Optional<ProcessHandle> orphan = find(pgData);
    if (orphan.isEmpty()) {
      return false;
    }
    ProcessHandle postmaster = orphan.get();
    log.warn("a PostgreSQL postmaster (pid {}) left by a previous run still serves {}; stopping it", postmaster.pid(),
        pgData);
    signal(postmaster, "INT");
    if (!awaitExit(postmaster, FAST_SHUTDOWN_WAIT)) {
      log.warn("postmaster {} did not finish a fast shutdown in {} s; shutting it down immediately",
          postmaster.pid(), FAST_SHUTDOWN_WAIT.toSeconds());
      signal(postmaster, "QUIT");
      if (!awaitExit(postmaster, IMMEDIATE_SHUTDOWN_WAIT)) {
        postmaster.destroyForcibly();
        awaitExit(postmaster, IMMEDIATE_SHUTDOWN_WAIT);
      }
    }
    return true;
  }

  private static Optional<Long> pidIn(Path pgData) {
    Path pidFile = pgData.resolve("postmaster.pid");
    try {
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A pid in a stale file may since belong to another program: only a postgres binary is stopped. */
  private static boolean isPostgres(ProcessHandle process) {
    return process.info().command().map(c -> Path.of(c).getFileName().toString().equals("postgres")).orElse(false);
  }

  /** PostgreSQL's shutdown modes are chosen by signal: INT is fast, QUIT immediate. */
  private static void signal(ProcessHandle process, String name) throws IOException {
    try {
      new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping postmaster " + process.pid(), e);
    }
  }

  private static boolean awaitExit(ProcessHandle process, Duration wait) {
    try {
      process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }
}
