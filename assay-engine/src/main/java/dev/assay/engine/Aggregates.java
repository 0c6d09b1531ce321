package dev.assay.engine;

import dev.assay.core.Counts;
import dev.assay.core.ExampleResult;
import dev.assay.core.Metric;
import dev.assay.core.RunStatus;
import dev.assay.core.Score;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Derives a run's counts, run values, status and error summary from its per-example results.
 *
 * <p>Results are visited in dataset order (index, then repeat), never in the order they
 * completed, so an interrupted-and-resumed run and an uninterrupted one agree exactly. Each
 * metric's run value is {@link Metric#sample} of the scores of that metric, in that order: the
 * same computation a comparison shows for the run. A result whose system failed enters no metric;
 * one whose metric failed enters no value of that metric.
 *
 * <p>Status: {@link RunStatus#FAILED} when the share of results that failed for some metric
 * (system errors plus that metric's own failures) exceeds {@code maxErrorRate}, or a metric cannot
 * be computed at all; else {@link RunStatus#COMPLETED}.
 */
final class Aggregates {
  private Aggregates() {}

  /**
   * @param failure why the run failed, null when it completed
   */
  record Summary(Counts counts, Map<String, Double> metrics, RunStatus status, String failure, ErrorSummary errors) {}

  /**
   * @param results calls its argument once per result, in dataset order
   */
  static Summary of(Consumer<Consumer<ExampleResult>> results, List<Metric> metrics, double maxErrorRate) {
    Map<String, List<Score>> scores = new LinkedHashMap<>();
    metrics.forEach(m -> scores.put(m.name(), new ArrayList<>()));
    Map<String, Long> metricErrors = new LinkedHashMap<>();
    long[] counts = new long[2];
    ErrorSummary.Builder errors = new ErrorSummary.Builder();
    results.accept(r -> {
      errors.add(r);
      if (r.ok()) {
        counts[0]++;
        r.scores().forEach((name, s) -> {
          List<Score> list = scores.get(name);
          if (list != null) {
            list.add(s);
          }
        });
        r.metricErrors().forEach((name, why) -> metricErrors.merge(name, 1L, Long::sum));
      } else {
        counts[1]++;
      }
    });
    long total = counts[0] + counts[1];
    Map<String, Double> values = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Metric m : metrics) {
      try {
        values.put(m.name(), m.value(scores.get(m.name())));
      } catch (RuntimeException e) {
        // The metric cannot aggregate these results (f1_binary over three labels): the run has no
        // value of it, and says why, rather than look complete.
        values.put(m.name(), Double.NaN);
        problems.add("metric '" + m.name() + "' cannot be computed: " + e.getMessage());
      }
    }
    String worst = null;
    long worstFailed = counts[1];
    for (Metric m : metrics) {
      long failed = counts[1] + metricErrors.getOrDefault(m.name(), 0L);
      if (failed > worstFailed) {
        worstFailed = failed;
        worst = m.name();
      }
    }
    if (total > 0 && worstFailed > maxErrorRate * total) {
      problems.add(0, String.format(Locale.ROOT, "%d of %d results (%.1f%%) failed%s, above max_error_rate %s",
          worstFailed, total, 100.0 * worstFailed / total, worst == null ? "" : " for metric '" + worst + "'",
          percent(maxErrorRate)));
    }
    RunStatus status = problems.isEmpty() ? RunStatus.COMPLETED : RunStatus.FAILED;
    return new Summary(new Counts(counts[0], counts[1], metricErrors), values, status,
        problems.isEmpty() ? null : String.join("; ", problems), errors.build());
  }

  private static String percent(double rate) {
    double pct = rate * 100;
    return (pct == Math.rint(pct) ? String.format(Locale.ROOT, "%.0f", pct) : Double.toString(pct)) + "%";
  }
}
