package cn.qdaipark.scenariohub.export;

import cn.qdaipark.scenariohub.auth.AuthService;
import cn.qdaipark.scenariohub.auth.BrowserSession;
import cn.qdaipark.scenariohub.auth.CurrentUser;
import cn.qdaipark.scenariohub.auth.Role;
import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.http.Params;
import cn.qdaipark.scenariohub.http.RequestDeadline;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;

/** CSV and XLSX downloads; writing the files runs on a worker thread, under the long request deadline. */
public final class ExportRoutes {
  private static final String CSV = "text/csv; charset=utf-8";
  private static final int STREAMS = 4;
  /** A download queued behind the running streams waits this long for one to finish before it gets 503. */
  private static final long STREAM_WAIT_MS = 10_000;
  private static final int STREAMS_WAITING = 100;
  private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private final ExportService exports;
  private final WorkerExecutor workers;
  private final BrowserSession session;
  private final StreamSlots streams;

  public ExportRoutes(Vertx vertx, ExportService exports, WorkerExecutor workers, AuthService auth) {
    this.exports = exports;
    this.workers = workers;
    this.session = new BrowserSession(auth);
    this.streams = new StreamSlots(vertx, STREAMS, STREAMS_WAITING, STREAM_WAIT_MS);
  }

  public void mount(Router api) {
    api.get("/open-data/solutions.csv").handler(ctx -> stream(ctx, exports.publishedSolutions()));
    api.get("/open-data/postings.csv").handler(ctx -> stream(ctx, exports.publicPostings()));
    api.get("/open-data/scenarios.csv").handler(ctx -> stream(ctx, exports.scenarios()));
    api.get("/admin/export/solutions.ndjson").handler(ctx -> stream(admin(ctx), exports.solutionsForImport(vectors(ctx))));
    api.get("/admin/export/postings.ndjson").handler(ctx -> stream(admin(ctx), exports.postingsForImport(vectors(ctx))));
    api.get("/open-data/results.csv").handler(ctx -> send(ctx, exports.publishedResults(), false));
    // the review page links these: the issuer's browser session is accepted as well as a bearer token
    api.get("/postings/:id/applications/export.csv").handler(session).handler(ctx -> applications(ctx, false));
    api.get("/postings/:id/applications/export.xlsx").handler(session).handler(ctx -> applications(ctx, true));
  }

  private static RoutingContext admin(RoutingContext ctx) {
    CurrentUser.requireRole(ctx, Role.ADMIN);
    return ctx;
  }

  /** {@code ?vectors=false} leaves the vectors out (a smaller file, embedded again where it is imported). */
  private static boolean vectors(RoutingContext ctx) {
    String value = ctx.request().getParam("vectors");
    if (value == null || value.equals("true")) {
      return true;
    }
    if (value.equals("false")) {
      return false;
    }
    throw ApiException.validation(Map.of("vectors", "取值必须是以下之一：true、false"));
  }

  private void applications(RoutingContext ctx, boolean xlsx) {
    send(ctx, exports.applications(CurrentUser.required(ctx), Params.pathId(ctx, "id")), xlsx);
  }

  /**
   * Streams a file from its cursor. Each stream holds a database connection for as long as its client reads, so only
   * {@link #STREAMS} run at once; more wait in line for up to {@link #STREAM_WAIT_MS}, then answer 503 with Retry-After.
   */
  private void stream(RoutingContext ctx, ExportService.Download download) {
    RequestDeadline.extend(ctx);
    Future<StreamSlots.Slot> slot = streams.acquire();
    ctx.response().closeHandler(closed -> streams.abandon(slot));
    slot.compose(granted -> {
          String file = download.name() + "-" + LocalDate.now() + "." + download.extension();
          return download.rows().apply(rows -> {
                ctx.response()
                    .putHeader("Content-Type", download.contentType())
                    .putHeader("Content-Disposition", "attachment; filename=\"" + file + "\"");
                return RowStreamResponse.write(ctx.vertx(), ctx.response(), rows, download.format());
              })
              .onComplete(done -> granted.release());
        })
        .onFailure(e -> {
          if (!ctx.response().headWritten()) {
            ctx.fail(e);
          }
        });
  }

  private void send(RoutingContext ctx, Future<Table> table, boolean xlsx) {
    RequestDeadline.extend(ctx);
    Function<Table, byte[]> writer = xlsx ? TableWriters::xlsx : TableWriters::csv;
    table.compose(t -> workers.executeBlocking(() -> writer.apply(t), false).map(bytes -> {
          String file = t.name() + "-" + LocalDate.now() + (xlsx ? ".xlsx" : ".csv");
          if (xlsx) {
            // a workbook is a zip already: compressing it again costs time and saves nothing
            ctx.response().putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY);
          }
          ctx.response()
              .putHeader("Content-Type", xlsx ? XLSX : CSV)
              .putHeader("Content-Disposition", "attachment; filename=\"" + file + "\"")
              .end(io.vertx.core.buffer.Buffer.buffer(bytes));
          return null;
        }))
        .onFailure(ctx::fail);
  }
}
