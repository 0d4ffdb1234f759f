package cn.qdaipark.scenariohub.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Deletes a request's uploaded files however it ends: answered, failed, timed out with its body half received, or
 * abandoned by its client. The body handler's own clean-up runs only once a body has fully arrived, so a partial
 * file of an interrupted upload would otherwise stay on disk for good.
 */
public final class UploadCleanup implements Handler<RoutingContext> {
  @Override
  public void handle(RoutingContext ctx) {
    ctx.addEndHandler(ended -> ctx.cancelAndCleanupFileUploads());
    ctx.next();
  }
}
