package dev.assay.gate;

import dev.assay.core.DidYouMean;
import dev.assay.core.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Baseline and candidate paired by example id.
 *
 * <p>The overlap is the number of ids on both sides divided by the size of the larger side, so
 * dropping examples from either side lowers it. Below {@value #MIN_OVERLAP} (90%) pairing is
 * refused with an {@link InputException} unless partial pairing is allowed: comparing the
 * examples both systems happened to answer can hide exactly the failures that matter. No common
 * id at all is always an error. Examples that errored carry no scores, so they count as missing.
 */
public final class Pairing {
  /** The smallest overlap accepted without {@code --allow-partial}. */
  public static final double MIN_OVERLAP = 0.9;

  private final ScoreTable baseline;
  private final ScoreTable candidate;
  private final List<String> common;
  private final int onlyBaseline;
  private final int onlyCandidate;

  private Pairing(ScoreTable baseline, ScoreTable candidate, List<String> common) {
    this.baseline = baseline;
    this.candidate = candidate;
    this.common = List.copyOf(common);
    this.onlyBaseline = baseline.size() - common.size();
    this.onlyCandidate = candidate.size() - common.size();
  }

  /**
   * Pairs two sides by id.
   *
   * @throws InputException when no id is shared, or the overlap is below 90% and {@code
   *     allowPartial} is false
   */
  public static Pairing of(ScoreTable baseline, ScoreTable candidate, boolean allowPartial) {
    TreeSet<String> both = new TreeSet<>(baseline.ids());
    both.retainAll(candidate.ids());
    Pairing p = new Pairing(baseline, candidate, new ArrayList<>(both));
    if (both.isEmpty()) {
      throw InputException.of("baseline " + baseline.source() + " and candidate " + candidate.source()
          + " share no example id", "runs or score files over the same examples");
    }
    if (p.overlap() < MIN_OVERLAP && !allowPartial) {
      throw InputException.of(String.format(Locale.ROOT,
          "only %d of %d examples pair by id (%.1f%%): %d only in baseline %s, %d only in candidate %s",
          both.size(), Math.max(baseline.size(), candidate.size()), 100 * p.overlap(), p.onlyBaseline,
          baseline.source(), p.onlyCandidate, candidate.source()),
          "at least 90% of examples on both sides, or --allow-partial to compare the overlap");
    }
    return p;
  }

  /** Shared ids / ids of the larger side, in [0, 1]. */
  public double overlap() {
    return (double) common.size() / Math.max(baseline.size(), candidate.size());
  }

  /** Number of ids on both sides. */
  public int n() {
    return common.size();
  }

  public int onlyBaseline() {
    return onlyBaseline;
  }

  public int onlyCandidate() {
    return onlyCandidate;
  }

  public ScoreTable baseline() {
    return baseline;
  }

  public ScoreTable candidate() {
    return candidate;
  }

  /** Shared ids, sorted. */
  public List<String> ids() {
    return common;
  }

  /** Metrics present on both sides, in the baseline's order. */
  public List<String> commonMetrics() {
    List<String> out = new ArrayList<>(baseline.metrics());
    out.retainAll(candidate.metrics());
    return out;
  }

  /** Checks a requested metric name against the metrics both sides have. */
  public void requireMetric(String metric) {
    if (!commonMetrics().contains(metric)) {
      throw InputException.of("metric '" + metric + "' is not in both baseline and candidate",
          DidYouMean.expected(metric, commonMetrics()));
    }
  }

  /**
   * The paired values of {@code metric} over shared ids where both sides have a value.
   *
   * @throws InputException when no shared example has the metric on both sides
   */
  public PairedMetric metric(String metric) {
    requireMetric(metric);
    List<String> ids = new ArrayList<>();
    List<double[]> pairs = new ArrayList<>();
    for (String id : common) {
      Double b = baseline.value(id, metric);
      Double c = candidate.value(id, metric);
      if (b != null && c != null) {
        ids.add(id);
        pairs.add(new double[] {b, c});
      }
    }
    if (ids.isEmpty()) {
      throw InputException.of("no shared example has a value of '" + metric + "' on both sides",
          "scores of the metric in both runs");
    }
    double[] b = new double[ids.size()];
    double[] c = new double[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      b[i] = pairs.get(i)[0];
      c[i] = pairs.get(i)[1];
    }
    return new PairedMetric(metric, ids, b, c);
  }
}
