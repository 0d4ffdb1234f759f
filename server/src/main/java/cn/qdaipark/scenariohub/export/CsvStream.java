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
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the rows of a cursor to a chunked response as CSV while they arrive, in chunks of about 64 KB; the cursor
 * pauses while the client reads slowly, and a client that stops reading for {@link #STALL_MS} is cut off (it would
 * hold a database connection). Nothing is sent before the first chunk, so a failure before it still answers with an
 * error; a failure after it resets the connection, so the client never takes a truncated file for a whole one.
 */
final class CsvStream {
  private static final int CHUNK_CHARS = 32 * 1024;
  static final long STALL_MS = 30_000;

  private final Vertx vertx;
  private final HttpServerResponse response;
  private final RowStream<Row> rows;
  private final Function<Row, List<String>> cells;
  private final StringBuilder chunk = new StringBuilder(CHUNK_CHARS * 2);
  private final CSVPrinter printer;
  private final Promise<Void> done = Promise.promise();
  private long stallTimer = -1;

  private CsvStream(Vertx vertx, HttpServerResponse response, List<String> header, RowStream<Row> rows,
                    Function<Row, List<String>> cells) {
    this.vertx = vertx;
    this.response = response;
    this.rows = rows;
    this.cells = cells;
    try {
      printer = TableWriters.csvPrinter(chunk, header);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Completes once the whole file is handed to the connection; fails when the cursor or the client fails. */
  static Future<Void> write(Vertx vertx, HttpServerResponse response, List<String> header, RowStream<Row> rows,
                            Function<Row, List<String>> cells) {
    return new CsvStream(vertx, response, header, rows, cells).start();
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
      TableWriters.csvRecord(printer, cells.apply(row));
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
