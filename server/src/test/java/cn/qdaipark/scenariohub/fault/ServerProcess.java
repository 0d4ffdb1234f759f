package cn.qdaipark.scenariohub.fault;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The packaged server's {@code Main} in a JVM of its own, with its default embedded database, so a test can do to
 * it what an outage does: {@code kill -9} the JVM, the postmaster, or stop the database.
 */
final class ServerProcess implements AutoCloseable {
  static final String ADMIN_EMAIL = "admin@fault.scenariohub.cn";
  static final String ADMIN_PASSWORD = "Fault#Admin-Pass-2026";
  private static final Duration START_WAIT = Duration.ofSeconds(150);

  private final Path dataDir;
  private final int port;
  private final Process process;
  final long startMillis;

  private ServerProcess(Path dataDir, int port, Process process, long startMillis) {
    this.dataDir = dataDir;
    this.port = port;
    this.process = process;
    this.startMillis = startMillis;
  }

  static ServerProcess start(Path dataDir, int port, Map<String, String> settings) throws Exception {
    long started = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", System.getProperty("java.class.path"), "cn.qdaipark.scenariohub.Main"));
    Map<String, String> env = builder.environment();
    env.put("PORT", Integer.toString(port));
    env.put("HOST", "127.0.0.1");
    env.put("DATA_DIR", dataDir.toString());
    env.put("DEMO_DATA", "false");
    env.put("ADMIN_EMAIL", ADMIN_EMAIL);
    env.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("JWT_SECRET", "fault-suite-secret-0123456789-abcdefghijklmnop");
    env.remove("PG_URL");
    env.putAll(settings);
    builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
        dataDir.resolveSibling(dataDir.getFileName() + "-server.log").toFile()));
    ServerProcess server = new ServerProcess(dataDir, port, builder.start(), 0);
    server.awaitHealthy(START_WAIT);
    return new ServerProcess(dataDir, port, server.process, (System.nanoTime() - started) / 1_000_000);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  void awaitHealthy(Duration wait) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the server exited with " + process.exitValue() + "; see its log beside "
            + dataDir);
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/health"))
            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the server did not become healthy within " + wait);
  }

  /** What a crash does: no shutdown hook runs, the embedded postmaster is left behind. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  long postmasterPid() throws IOException {
    return Long.parseLong(Files.readAllLines(dataDir.resolve("pg/postmaster.pid")).get(0).trim());
  }

  /** The postmaster and its backends, the processes a stall of the database stops. */
  List<ProcessHandle> databaseProcesses() throws IOException {
    ProcessHandle postmaster = ProcessHandle.of(postmasterPid()).orElseThrow();
    List<ProcessHandle> all = new java.util.ArrayList<>(postmaster.descendants().toList());
    all.add(0, postmaster);
    return all;
  }

  /** Kills the postmaster and every backend with SIGKILL, as the OOM killer or an operator's mistake would. */
  void kill9Postmaster() throws IOException {
    ProcessHandle postmaster = ProcessHandle.of(postmasterPid()).orElseThrow();
    List<ProcessHandle> children = postmaster.descendants().toList();
    postmaster.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
  }

  /** A connection as the application's own role, with the password the server generated into its data directory. */
  Connection jdbc() throws IOException, SQLException {
    Properties credentials = new Properties();
    try (Reader reader = Files.newBufferedReader(dataDir.resolve("db-credentials"), StandardCharsets.UTF_8)) {
      credentials.load(reader);
    }
    int pgPort = Integer.parseInt(Files.readAllLines(dataDir.resolve("pg/postmaster.pid")).get(3).trim());
    return DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/scenariohub", "scenariohub",
        credentials.getProperty("app.password"));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }
}
