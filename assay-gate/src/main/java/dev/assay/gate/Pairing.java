package dev.assay.gate;

import dev.assay.core.DidYouMean;
import dev.assay.core.InputException;
import dev.assay.core.Score;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Baseline and candidate paired by example id.
 *
 * <p>The overlap is the number of ids on both sides divided by the size of the larger side, so
 * dropping examples from either side lowers it. Below {@value #MIN_OVERLAP} (90%) pairing is
 * refused with an {@link InputException} unless partial pairing is allowed: comparing the
 * examples both systems happened to answer can hide exactly the failures that matter. No common
 * id at all is always an error. Results whose system failed carry no scores, so they count as
 * missing.
 *
 * <p>The shared ids are found by merging the two sides' sorted id indexes, and a pairing keeps
 * each shared id's position on both sides, so a metric's paired values are read straight from the
 * sides' columns without looking ids up.
 */
public final class Pairing {
  /** The smallest overlap accepted without {@code --allow-partial}. */
  public static final double MIN_OVERLAP = 0.9;

  private final RunScores baseline;
  private final RunScores candidate;
  private final List<String> common;
  /** Position of each shared id (in {@link #common} order) on the baseline and on the candidate side. */
  private final int[] baselineAt;
  private final int[] candidateAt;
  private final int onlyBaseline;
  private final int onlyCandidate;
  private final Clusters clusters;

  private Pairing(RunScores baseline, RunScores candidate, int[] baselineAt, int[] candidateAt, Clusters clusters) {
    this.baseline = baseline;
    this.candidate = candidate;
    this.baselineAt = baselineAt;
    this.candidateAt = candidateAt;
    String[] ids = new String[baselineAt.length];
    for (int k = 0; k < ids.length; k++) {
      ids[k] = baseline.id(baselineAt[k]);
    }
    this.common = List.of(ids);
    this.onlyBaseline = baseline.size() - ids.length;
    this.onlyCandidate = candidate.size() - ids.length;
    this.clusters = clusters;
  }

  /**
   * Pairs two sides by id.
   *
   * @throws InputException when no id is shared, or the overlap is below 90% and {@code
   *     allowPartial} is false
   */
  public static Pairing of(RunScores baseline, RunScores candidate, boolean allowPartial) {
    int[][] shared = baseline.sharedPositions(candidate);
    Pairing p = new Pairing(baseline, candidate, shared[0], shared[1], null);
    if (p.n() == 0) {
      throw InputException.of("baseline " + baseline.source() + " and candidate " + candidate.source()
          + " share no example id (among " + baseline.size() + " and " + candidate.size() + " scored examples)",
          "runs or score files over the same examples");
    }
    if (p.overlap() < MIN_OVERLAP && !allowPartial) {
      throw InputException.of(String.format(Locale.ROOT,
          "only %d of %d examples pair by id (%.1f%%): %d only in baseline %s, %d only in candidate %s",
          p.n(), Math.max(baseline.size(), candidate.size()), 100 * p.overlap(), p.onlyBaseline,
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
    return new Pairing(baseline, candidate, baselineAt, candidateAt, c);
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
    double[] onBaseline = baseline.valuesByPosition(metric);
    double[] onCandidate = candidate.valuesByPosition(metric);
    int n = common.size();
    String[] ids = new String[n];
    double[] b = new double[n];
    double[] c = new double[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      double vb = onBaseline[baselineAt[i]];
      double vc = onCandidate[candidateAt[i]];
      if (!Double.isNaN(vb) && !Double.isNaN(vc)) {
        ids[k] = common.get(i);
        b[k] = vb;
        c[k++] = vc;
      }
    }
    if (k == 0) {
      throw InputException.of("no shared example has a per-example value of '" + metric + "' on both sides",
          "a metric with per-example values (a corpus metric such as f1_macro has none)");
    }
    List<String> paired = List.of(k == n ? ids : Arrays.copyOf(ids, k));
    return new PairedMetric(metric, paired, k == n ? b : Arrays.copyOf(b, k), k == n ? c : Arrays.copyOf(c, k),
        clusterKeys(paired));
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
    int[] bAt = new int[common.size()];
    int[] cAt = new int[common.size()];
    for (int i = 0; i < common.size(); i++) {
      List<Score> sb = baseline.scoresAt(baselineAt[i], metric);
      List<Score> sc = candidate.scoresAt(candidateAt[i], metric);
      if (!sb.isEmpty() && !sc.isEmpty()) {
        bAt[ids.size()] = baselineAt[i];
        cAt[ids.size()] = candidateAt[i];
        ids.add(common.get(i));
        b.add(sb);
        c.add(sc);
      }
    }
    if (ids.isEmpty()) {
      throw InputException.of("no shared example has a score of '" + metric + "' on both sides",
          "scores of the metric in both runs");
    }
    return new PairedScores(metric, ids, b, c, clusterKeys(ids), Arrays.copyOf(bAt, ids.size()),
        Arrays.copyOf(cAt, ids.size()));
  }

  private List<String> clusterKeys(List<String> ids) {
    return clusters == null ? null : ids.stream().map(clusters::key).toList();
  }
}
