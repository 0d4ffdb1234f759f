package cn.qdaipark.scenariohub.health;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Prometheus metrics, for the scraper only: served at /metrics when a METRICS_TOKEN is configured, to a request
 * bearing exactly that token (401 otherwise). Without a token there is no such page (404), since the metrics show
 * traffic, pool and error figures no visitor should see.
 */
public final class MetricsRoutes {
  private final PrometheusMeterRegistry registry;
  private final byte[] token;

  public MetricsRoutes(PrometheusMeterRegistry registry, String token) {
    this.registry = registry;
    this.token = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
  }

  public void mount(Router root) {
    if (registry == null || token == null) {
      return;
    }
    Handler<RoutingContext> scrape = PrometheusScrapingHandler.create(registry);
    root.get("/metrics").handler(ctx -> {
      String presented = ctx.request().getHeader("Authorization");
      // Compared in constant time, so the token cannot be guessed from how fast a wrong one is refused.
      if (presented == null || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
        ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer realm=\"metrics\"").end();
        return;
      }
      scrape.handle(ctx);
    });
  }
}
