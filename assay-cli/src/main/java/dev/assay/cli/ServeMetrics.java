package dev.assay.cli;

import dev.assay.monitor.metrics.StoreMetrics;
import dev.assay.server.Role;
import dev.assay.server.RouteGroup;
import dev.assay.server.RouteTable;
import dev.assay.server.ServerContext;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;

/**
 * {@code GET /metrics} on {@code assay serve}: the store's counts ({@link StoreMetrics}: runs by
 * status, verdicts by outcome, examples evaluated, errors), refreshed at each scrape, and the
 * process's JVM metrics, in the Prometheus text format written by the Prometheus client. Mounted
 * through the server's route table, so it is behind the same Host check and, with {@code --auth
 * tokens}, needs a viewer token (Prometheus sends it as {@code authorization: credentials}). Drift
 * metrics come from {@code assay monitor watch} or a Pushgateway: the server runs no checks.
 */
final class ServeMetrics implements RouteGroup {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final StoreMetrics store = new StoreMetrics(registry);
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  ServeMetrics() {
    JvmMetrics.builder().register(registry);
  }

  @Override
  public void register(RouteTable routes, ServerContext server) {
    routes.get("/metrics", Role.VIEWER, ctx -> {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      synchronized (this) {
        // One scrape at a time: refresh and snapshot must not interleave with another scrape's.
        store.refresh(server.store());
        writer.write(body, registry.scrape());
      }
      ctx.contentType(writer.getContentType()).result(body.toByteArray());
    });
  }
}
