package dev.assay.monitor.metrics;

import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Store;
import dev.assay.core.Verdict;
import dev.assay.core.VerdictRecord;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the store holds, as gauges refreshed on demand: {@code assay_runs{status}}, {@code
 * assay_verdicts{outcome}}, {@code assay_examples_evaluated} (results that got an answer) and
 * {@code assay_example_errors} (results whose system failed), summed over stored runs. A server
 * calls {@link #refresh} before each scrape (or on a timer); the counts are the store's, so they
 * survive restarts.
 */
public final class StoreMetrics {
  private final Gauge runs;
  private final Gauge verdicts;
  private final Gauge examples;
  private final Gauge errors;

  public StoreMetrics(PrometheusRegistry registry) {
    runs = Gauge.builder().name("assay_runs").help("Stored runs by status").labelNames("status").register(registry);
    verdicts = Gauge.builder().name("assay_verdicts").help("Stored verdicts by outcome").labelNames("outcome")
        .register(registry);
    examples = Gauge.builder().name("assay_examples_evaluated").help("Example results with an answer, over stored runs")
        .register(registry);
    errors = Gauge.builder().name("assay_example_errors").help("Example results whose system failed, over stored runs")
        .register(registry);
  }

  public void refresh(Store store) {
    Map<RunStatus, Long> byStatus = new EnumMap<>(RunStatus.class);
    long ok = 0;
    long failed = 0;
    for (RunRecord r : store.runs()) {
      byStatus.merge(r.status(), 1L, Long::sum);
      if (r.counts() != null) {
        ok += r.counts().ok();
        failed += r.counts().error();
      }
    }
    for (RunStatus s : RunStatus.values()) {
      runs.labelValues(s.name().toLowerCase(java.util.Locale.ROOT)).set(byStatus.getOrDefault(s, 0L));
    }
    Map<Verdict, Long> byOutcome = new EnumMap<>(Verdict.class);
    for (VerdictRecord v : store.verdicts(VerdictRecord.Query.ALL)) {
      byOutcome.merge(v.verdict(), 1L, Long::sum);
    }
    for (Verdict v : Verdict.values()) {
      verdicts.labelValues(v.name()).set(byOutcome.getOrDefault(v, 0L));
    }
    examples.set(ok);
    errors.set(failed);
  }
}
