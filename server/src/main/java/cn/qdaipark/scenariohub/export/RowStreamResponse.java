package cn.qdaipark.scenariohub.export;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes the rows of a cursor to a chunked response while they arrive (as CSV, NDJSON…), in chunks of about 64 KB;
 * the cursor pauses while the client reads slowly, and a client that stops reading for {@link #STALL_MS} is cut off
 * (it would hold a database connection). Nothing is sent before the first chunk, so a failure before it still answers with an
 * error; a failure after it resets the connection, so the client never takes a truncated file for a whole one.
 */
final class RowStreamResponse {
  private static final int CHUNK_CHARS = 32 * 1024;
  static final long STALL_MS = 30_000;

  private final Vertx vertx;
  private final HttpServerResponse response;
  private final RowStream<Row> rows;
  private final StringBuilder chunk = new StringBuilder(CHUNK_CHARS * 2);
  private final RowWriter writer;
  private final Promise<Void> done = Promise.promise();
  private long stallTimer = -1;

  /** Appends one row to the file being written. */
  @FunctionalInterface
  interface RowWriter {
    void write(Row row) throws IOException;
  }

  /** Given what the file is written into, starts it (a header, say) and answers the writer of its rows. */
  @FunctionalInterface
  interface Format {
    RowWriter start(Appendable out) throws IOException;
  }

  private RowStreamResponse(Vertx vertx, HttpServerResponse response, RowStream<Row> rows, Format format) {
    this.vertx = vertx;
    this.response = response;
    this.rows = rows;
    try {
      writer = format.start(chunk);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Completes once the whole file is handed to the connection; fails when the cursor or the client fails. */
  static Future<Void> write(Vertx vertx, HttpServerResponse response, RowStream<Row> rows, Format format) {
    return new RowStreamResponse(vertx, response, rows, format).start();
  }

  private Future<Void> start() {
    response.setChunked(true);
    response.closeHandler(closed -> stop(new IllegalStateException("the client closed the connection")));
    rows.exceptionHandler(this::stop);
    rows.endHandler(end -> {
      cancelStall();
      response.end(take()).onComplete(done);
    });
    rows.handler(this::row);
    return done.future();
  }

  private void row(Row row) {
    try {
      writer.write(row);
    } catch (IOException | RuntimeException e) {
      stop(e);
      return;
    }
    if (chunk.length() >= CHUNK_CHARS) {
      response.write(take());
      if (response.writeQueueFull()) {
        rows.pause();
        stallTimer = vertx.setTimer(STALL_MS, t -> stop(new IllegalStateException("the client stopped reading")));
        response.drainHandler(drained -> {
          cancelStall();
          rows.resume();
        });
      }
    }
  }

  private Buffer take() {
    Buffer buffer = Buffer.buffer(chunk.toString());
    chunk.setLength(0);
    return buffer;
  }

  private void cancelStall() {
    if (stallTimer >= 0) {
      vertx.cancelTimer(stallTimer);
      stallTimer = -1;
    }
  }

  private void stop(Throwable cause) {
    cancelStall();
    if (done.tryFail(cause)) {
      rows.close();
      if (response.headWritten() && !response.ended()) {
        response.reset();
      }
    }
  }
}
