package dev.assay.monitor.metrics;

import dev.assay.core.InputException;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Pushes a registry's metrics to a Prometheus Pushgateway ({@code PUT URL/metrics/job/JOB}, the
 * text format), for checks run by cron or CI that live shorter than a scrape interval.
 */
public final class Pushgateway {
  private final URI base;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** @param url the gateway's base URL, e.g. {@code http://pushgateway:9091} */
  public Pushgateway(String url) {
    URI u;
    try {
      u = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    } catch (IllegalArgumentException e) {
      throw InputException.of("--push is not a URL: " + url, "http://HOST:PORT of a Pushgateway");
    }
    if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
        || u.getHost() == null) {
      throw InputException.of("--push is not an http(s) URL: " + url, "http://HOST:PORT of a Pushgateway");
    }
    this.base = u;
  }

  /**
   * Replaces the job's metrics on the gateway.
   *
   * @throws IOException when the gateway cannot be reached or answers with an error
   */
  public void push(PrometheusRegistry registry, String job) throws IOException, InterruptedException {
    String body = DriftMetrics.exposition(registry);
    URI target = URI.create(base + "/metrics/job/" + URLEncoder.encode(job, StandardCharsets.UTF_8)
        .replace("+", "%20"));
    HttpRequest req = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    HttpResponse<String> res = client.send(req, HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() / 100 != 2) {
      throw new IOException("the Pushgateway answered " + res.statusCode() + " to " + target);
    }
  }
}
