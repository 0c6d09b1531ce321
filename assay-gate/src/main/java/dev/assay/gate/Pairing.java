package dev.assay.gate;

import dev.assay.core.DidYouMean;
import dev.assay.core.InputException;
import dev.assay.core.Score;
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
 * id at all is always an error. Results whose system failed carry no scores, so they count as
 * missing.
 */
public final class Pairing {
  /** The smallest overlap accepted without {@code --allow-partial}. */
  public static final double MIN_OVERLAP = 0.9;

  private final RunScores baseline;
  private final RunScores candidate;
  private final List<String> common;
  private final int onlyBaseline;
  private final int onlyCandidate;
  private final Clusters clusters;

  private Pairing(RunScores baseline, RunScores candidate, List<String> common, Clusters clusters) {
    this.baseline = baseline;
    this.candidate = candidate;
    this.common = List.copyOf(common);
    this.onlyBaseline = baseline.size() - common.size();
    this.onlyCandidate = candidate.size() - common.size();
    this.clusters = clusters;
  }

  /**
   * Pairs two sides by id.
   *
   * @throws InputException when no id is shared, or the overlap is below 90% and {@code
   *     allowPartial} is false
   */
  public static Pairing of(RunScores baseline, RunScores candidate, boolean allowPartial) {
    TreeSet<String> both = new TreeSet<>(baseline.ids());
    both.retainAll(candidate.ids());
    Pairing p = new Pairing(baseline, candidate, new ArrayList<>(both), null);
    if (both.isEmpty()) {
      throw InputException.of("baseline " + baseline.source() + " and candidate " + candidate.source()
          + " share no example id (among " + baseline.size() + " and " + candidate.size() + " scored examples)",
          "runs or score files over the same examples");
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

  /**
   * The same pairing resampled by cluster: every comparison then resamples, jackknifes and permutes
   * whole clusters.
   *
   * @throws InputException when a shared example has no cluster key (it is not in the dataset the
   *     keys came from)
   */
  public Pairing withClusters(Clusters c) {
    List<String> missing = new ArrayList<>();
    for (String id : common) {
      if (c.key(id) == null) {
        missing.add(id);
      }
    }
    if (!missing.isEmpty()) {
      throw InputException.of(missing.size() + " paired example(s) have no value of the cluster field '" + c.field()
          + "' (not in the dataset?): " + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
          + (missing.size() > 5 ? ", ..." : ""), "the dataset the runs were made from");
    }
    return new Pairing(baseline, candidate, common, c);
  }

  /** The clusters, or null when examples are the resampling units. */
  public Clusters clusters() {
    return clusters;
  }

  /** The resampling unit as reports name it: {@code example} or {@code cluster:FIELD}. */
  public String resampling() {
    return clusters == null ? "example" : clusters.unit();
  }

  /** Number of resampling units among the shared ids: clusters when clustered, else examples. */
  public int units() {
    if (clusters == null) {
      return common.size();
    }
    return (int) common.stream().map(clusters::key).distinct().count();
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

  public RunScores baseline() {
    return baseline;
  }

  public RunScores candidate() {
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
   * The per-example values of {@code metric} (means over repeats) over shared ids where both sides
   * have one.
   *
   * @throws InputException when no shared example has a value on both sides (a metric with no
   *     per-example value, such as f1_macro, has none)
   */
  public PairedMetric values(String metric) {
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
      throw InputException.of("no shared example has a per-example value of '" + metric + "' on both sides",
          "a metric with per-example values (a corpus metric such as f1_macro has none)");
    }
    double[] b = new double[ids.size()];
    double[] c = new double[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      b[i] = pairs.get(i)[0];
      c[i] = pairs.get(i)[1];
    }
    return new PairedMetric(metric, ids, b, c, clusterKeys(ids));
  }

  /**
   * The scores of {@code metric} over shared ids where both sides have at least one.
   *
   * @throws InputException when no shared example has the metric on both sides
   */
  public PairedScores scores(String metric) {
    requireMetric(metric);
    List<String> ids = new ArrayList<>();
    List<List<Score>> b = new ArrayList<>();
    List<List<Score>> c = new ArrayList<>();
    for (String id : common) {
      List<Score> sb = baseline.scores(id, metric);
      List<Score> sc = candidate.scores(id, metric);
      if (!sb.isEmpty() && !sc.isEmpty()) {
        ids.add(id);
        b.add(sb);
        c.add(sc);
      }
    }
    if (ids.isEmpty()) {
      throw InputException.of("no shared example has a score of '" + metric + "' on both sides",
          "scores of the metric in both runs");
    }
    return new PairedScores(metric, ids, b, c, clusterKeys(ids));
  }

  private List<String> clusterKeys(List<String> ids) {
    return clusters == null ? null : ids.stream().map(clusters::key).toList();
  }
}
