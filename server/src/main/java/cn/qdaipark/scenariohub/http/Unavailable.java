package cn.qdaipark.scenariohub.http;

import cn.qdaipark.scenariohub.db.DatabaseUnavailableException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;

/**
 * Failures that say the database cannot serve now rather than that the request is wrong: the API and the pages
 * answer them 503 with Retry-After, since the same request can succeed once PostgreSQL is back.
 */
public final class Unavailable {
  /** Seconds a client is asked to wait before retrying. */
  public static final String RETRY_AFTER_SECONDS = "5";
  /**
   * 57P01 admin shutdown (also pg_terminate_backend), 57P02 crash shutdown, 57P03 cannot connect now (starting up or
   * in recovery), 53300 too many connections, 57014 a statement cancelled by statement_timeout.
   */
  private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300", "57014");
  /**
   * What the pool and a dying connection of the Vert.x SQL client fail with: these carry no type of their own, only
   * a message (acquisition timeout of the pool, commands pending on a connection that closed).
   */
  private static final Set<String> MESSAGES = Set.of("Timeout", "Timeout waiting for connection", "Connection closed",
      "Connection was closed", "Pending requests failed to be sent due to connection has been closed.");

  private Unavailable() {
  }

  public static boolean is(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof DatabaseUnavailableException || t instanceof ConnectException || t instanceof SocketException
          || t instanceof ClosedChannelException || t instanceof ConnectionPoolTooBusyException
          || t instanceof ClosedConnectionException) {
        return true;
      }
      if (t instanceof PgException pg && pg.getSqlState() != null
          && (pg.getSqlState().startsWith("08") || STATES.contains(pg.getSqlState()))) {
        return true;
      }
      String message = t.getMessage();
      if (message != null && (MESSAGES.contains(message) || message.startsWith("Connection is not active now"))) {
        return true;
      }
    }
    return false;
  }
}
