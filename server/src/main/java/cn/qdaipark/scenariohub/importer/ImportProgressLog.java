package cn.qdaipark.scenariohub.importer;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes how far an import through the API got to the server log: when a phase starts and ends, every 10 s in
 * between, and when the answer goes out; each line with the seconds since the request came in, so a slow import shows
 * where its time went.
 */
final class ImportProgressLog implements ImportService.Progress {
  private static final Logger log = LoggerFactory.getLogger(ImportProgressLog.class);
  private static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
  private final String what;
  private final long started = System.nanoTime();
  private String phase;
  private long lastLogged;

  ImportProgressLog(String what) {
    this.what = what;
  }

  @Override
  public synchronized void reached(String phase, int done, int total) {
    long now = System.nanoTime();
    if (!phase.equals(this.phase) || done == total || now - lastLogged >= EVERY_NANOS) {
      this.phase = phase;
      lastLogged = now;
      log.info("import of {}: {} {} / {} at {} s", what, phase, done, total, seconds(now));
    }
  }

  void answered(ImportReport report) {
    log.info("import of {}: {} imported, {} unchanged, searchable and answered at {} s", what, report.imported(),
        report.unchanged(), seconds(System.nanoTime()));
  }

  private String seconds(long now) {
    return String.format("%.1f", (now - started) / 1e9);
  }
}
