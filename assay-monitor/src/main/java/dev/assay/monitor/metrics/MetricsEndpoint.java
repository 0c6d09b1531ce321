package dev.assay.monitor.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;

/**
 * Serves a registry at {@code http://HOST:PORT/metrics} with the Prometheus client's HTTP server
 * (content negotiation, gzip, {@code /-/healthy}). Binds to the loopback address unless told
 * otherwise: exposing metrics beyond the machine is a decision, not a default.
 */
public final class MetricsEndpoint implements AutoCloseable {
  private final HTTPServer server;

  /**
   * @param host the address to bind, e.g. {@code 127.0.0.1}
   * @param port the port, 0 for any free one
   */
  public MetricsEndpoint(PrometheusRegistry registry, String host, int port) throws IOException {
    this.server = HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
  }
}
