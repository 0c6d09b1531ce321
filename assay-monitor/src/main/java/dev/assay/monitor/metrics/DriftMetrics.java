package dev.assay.monitor.metrics;

import dev.assay.monitor.drift.ColumnDrift;
import dev.assay.monitor.drift.DriftReport;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The drift gauges of one registry. Per {@code stream} (a monitored data stream: a service, a
 * model, a table) and finding ({@code column}, {@code aspect}): {@code assay_drift_statistic},
 * {@code assay_drift_p_value}, {@code assay_drift_adjusted_p_value}, {@code assay_drift_effect_size},
 * {@code assay_drift_alert} (1 drifted, 0 not). Per stream: {@code assay_drift_columns_drifted},
 * {@code assay_drift_rows}, {@code assay_drift_last_check_timestamp_seconds} and the counter
 * {@code assay_drift_checks_total}. A finding absent from a later check of its stream is removed,
 * so an alert clears when a column is ignored or gone. Thread-safe.
 */
public final class DriftMetrics {
  private static final String[] FINDING = {"stream", "column", "aspect"};

  private final PrometheusRegistry registry;
  private final Gauge statistic;
  private final Gauge pValue;
  private final Gauge adjustedP;
  private final Gauge effect;
  private final Gauge alert;
  private final Gauge drifted;
  private final Gauge rows;
  private final Gauge lastCheck;
  private final Counter checks;
  private final java.util.Map<String, java.util.Set<java.util.List<String>>> seen = new java.util.HashMap<>();

  public DriftMetrics(PrometheusRegistry registry) {
    this.registry = registry;
    statistic = Gauge.builder().name("assay_drift_statistic").help("Latest drift test statistic (KS D, chi-square, MMD^2)")
        .labelNames(FINDING).register(registry);
    pValue = Gauge.builder().name("assay_drift_p_value").help("Latest raw p-value of the drift test")
        .labelNames(FINDING).register(registry);
    adjustedP = Gauge.builder().name("assay_drift_adjusted_p_value")
        .help("Latest Benjamini-Hochberg adjusted p-value across the check").labelNames(FINDING).register(registry);
    effect = Gauge.builder().name("assay_drift_effect_size")
        .help("Latest effect size (normalised Wasserstein, PSI, Jensen-Shannon, MMD^2, missing-share change)")
        .labelNames(FINDING).register(registry);
    alert = Gauge.builder().name("assay_drift_alert")
        .help("1 when the finding drifted (adjusted p <= q and effect >= threshold), else 0")
        .labelNames(FINDING).register(registry);
    drifted = Gauge.builder().name("assay_drift_columns_drifted").help("Findings that drifted in the latest check")
        .labelNames("stream").register(registry);
    rows = Gauge.builder().name("assay_drift_rows").help("Rows in the latest checked window")
        .labelNames("stream").register(registry);
    lastCheck = Gauge.builder().name("assay_drift_last_check_timestamp_seconds")
        .help("Unix time of the latest check").labelNames("stream").register(registry);
    checks = Counter.builder().name("assay_drift_checks_total").help("Drift checks run").labelNames("stream")
        .register(registry);
  }

  /** Records the latest check of {@code stream}. */
  public synchronized void record(String stream, DriftReport report, Instant at) {
    java.util.Set<java.util.List<String>> now = new java.util.HashSet<>();
    for (ColumnDrift d : report.results()) {
      String[] labels = {stream, d.column(), d.aspect()};
      now.add(java.util.List.of(labels));
      set(statistic, labels, d.statistic());
      set(pValue, labels, d.pValue());
      set(adjustedP, labels, d.adjustedP());
      set(effect, labels, d.effectSize());
      alert.labelValues(labels).set(d.drifted() ? 1 : 0);
    }
    for (java.util.List<String> old : seen.getOrDefault(stream, java.util.Set.of())) {
      if (!now.contains(old)) {
        String[] labels = old.toArray(new String[0]);
        for (Gauge g : new Gauge[] {statistic, pValue, adjustedP, effect, alert}) {
          g.remove(labels);
        }
      }
    }
    seen.put(stream, now);
    drifted.labelValues(stream).set(report.driftedColumns().size());
    rows.labelValues(stream).set(report.currentRows());
    lastCheck.labelValues(stream).set(at.toEpochMilli() / 1000.0);
    checks.labelValues(stream).inc();
  }

  private static void set(Gauge g, String[] labels, double v) {
    // NaN is legal in the exposition format and says "not tested" (a schema finding).
    g.labelValues(labels).set(v);
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /** The registry's metrics in the Prometheus text format (version 0.0.4). */
  public static String exposition(PrometheusRegistry registry) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
