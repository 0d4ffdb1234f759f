package cn.qdaipark.scenariohub.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qdaipark.scenariohub.db.DatabaseUnavailableException;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UnavailableTest {

  private static PgException pg(String state) {
    return new PgException("message", "FATAL", state, null);
  }

  @Test
  @DisplayName("connection failures, admin and crash shutdowns, startup, pool timeouts and closed connections are 503")
  void unavailable() {
    for (Throwable t : new Throwable[] {pg("08006"), pg("08003"), pg("08P01"), pg("57P01"), pg("57P02"), pg("57P03"),
        pg("53300"), pg("57014"), ClosedConnectionException.INSTANCE, new ConnectException("refused"),
        new SocketException("Connection reset"), new ConnectionPoolTooBusyException("busy"),
        new VertxException("Timeout waiting for connection", true), new VertxException("Timeout", true),
        new VertxException("Connection closed", true),
        new VertxException("Pending requests failed to be sent due to connection has been closed.", true),
        new VertxException("Connection is not active now, current status: CLOSED", true),
        new DatabaseUnavailableException("down", null), new RuntimeException("wrapped", pg("57P01"))}) {
      assertThat(Unavailable.is(t)).as(t.toString()).isTrue();
    }
  }

  @Test
  @DisplayName("errors of the request or of the code itself are not taken for an outage")
  void notUnavailable() {
    for (Throwable t : new Throwable[] {pg("23505"), pg("22021"), pg("42P01"), new IllegalStateException("bug"),
        new VertxException("something else", true), null}) {
      assertThat(Unavailable.is(t)).as(String.valueOf(t)).isFalse();
    }
  }
}
