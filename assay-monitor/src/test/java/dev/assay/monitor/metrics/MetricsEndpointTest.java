package dev.assay.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.assay.monitor.drift.ColumnDrift;
import dev.assay.monitor.drift.DriftReport;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The real HTTP endpoint on loopback, scraped and parsed; a push to a loopback gateway. */
class MetricsEndpointTest {
  private static DriftReport report(boolean drift, String column) {
    ColumnDrift d = new ColumnDrift(column, "numeric", "distribution", "ks-exact", 0.3, drift ? 1e-9 : 0.4,
        drift ? 1e-8 : 0.8, "wasserstein", drift ? 0.5 : 0.01, 0.1, drift, Map.of(), null);
    ColumnDrift gone = new ColumnDrift("region \"eu\"", "categorical", "schema", null, Double.NaN, Double.NaN,
        Double.NaN, "present", 1, 1, true, Map.of(), "gone");
    return new DriftReport("ref", "cur", null, 100, 50, 0.05, 1, drift ? List.of(d, gone) : List.of(d), List.of());
  }

  @Test
  void prometheusScrapesDriftJvmAndCountsOverHttp() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    DriftMetrics metrics = new DriftMetrics(registry);
    metrics.record("checkout", report(true, "latency_ms"), Instant.ofEpochSecond(1_700_000_000));
    try (MetricsEndpoint endpoint = new MetricsEndpoint(registry, "127.0.0.1", 0)) {
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> res = client.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
      Exposition e = Exposition.parse(res.body());
      Map<String, String> lat = Map.of("stream", "checkout", "column", "latency_ms", "aspect", "distribution");
      assertThat(e.value("assay_drift_alert", lat)).isEqualTo(1);
      assertThat(e.value("assay_drift_p_value", lat)).isEqualTo(1e-9);
      assertThat(e.value("assay_drift_effect_size", lat)).isEqualTo(0.5);
      // A label value with a quote survives escaping; an untested finding's p-value is NaN.
      Map<String, String> gone = Map.of("stream", "checkout", "column", "region \"eu\"", "aspect", "schema");
      assertThat(e.value("assay_drift_alert", gone)).isEqualTo(1);
      assertThat(e.value("assay_drift_p_value", gone)).isNaN();
      assertThat(e.value("assay_drift_columns_drifted", Map.of("stream", "checkout"))).isEqualTo(2);
      assertThat(e.value("assay_drift_checks_total", Map.of("stream", "checkout"))).isEqualTo(1);
      assertThat(e.value("assay_drift_last_check_timestamp_seconds", Map.of())).isEqualTo(1.7e9);
      assertThat(e.types).containsEntry("assay_drift_alert", "gauge").containsEntry("assay_drift_checks_total", "counter");
      assertThat(e.has("jvm_memory_used_bytes")).isTrue();
      assertThat(e.has("process_cpu_seconds_total")).isTrue();

      // The next check: the drift is gone, the schema finding is gone, the alert clears.
      metrics.record("checkout", report(false, "latency_ms"), Instant.ofEpochSecond(1_700_000_900));
      Exposition again = Exposition.parse(client.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      assertThat(again.value("assay_drift_alert", lat)).isZero();
      assertThat(again.samples.stream().noneMatch(s -> "schema".equals(s.labels().get("aspect")))).isTrue();
      assertThat(again.value("assay_drift_checks_total", Map.of("stream", "checkout"))).isEqualTo(2);
    }
  }

  @Test
  void pushSendsTheTextFormatToTheGateway() throws Exception {
    AtomicReference<String> body = new AtomicReference<>();
    AtomicReference<String> path = new AtomicReference<>();
    AtomicReference<String> method = new AtomicReference<>();
    HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    gateway.createContext("/", x -> {
      method.set(x.getRequestMethod());
      path.set(x.getRequestURI().getRawPath());
      body.set(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      x.sendResponseHeaders(200, -1);
      x.close();
    });
    gateway.start();
    try {
      PrometheusRegistry registry = new PrometheusRegistry();
      new DriftMetrics(registry).record("s", report(true, "x"), Instant.now());
      new Pushgateway("http://127.0.0.1:" + gateway.getAddress().getPort()).push(registry, "assay_monitor_s");
      assertThat(method.get()).isEqualTo("PUT");
      assertThat(path.get()).isEqualTo("/metrics/job/assay_monitor_s");
      assertThat(Exposition.parse(body.get()).value("assay_drift_alert", Map.of("column", "x"))).isEqualTo(1);
    } finally {
      gateway.stop(0);
    }
  }
}
