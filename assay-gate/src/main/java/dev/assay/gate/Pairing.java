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
  private final Clusters clusters;

  private Pairing(ScoreTable baseline, ScoreTable candidate, List<String> common, Clusters clusters) {
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
  public static Pairing of(ScoreTable baseline, ScoreTable candidate, boolean allowPartial) {
    TreeSet<String> both = new TreeSet<>(baseline.ids());
    both.retainAll(candidate.ids());
    Pairing p = new Pairing(baseline, candidate, new ArrayList<>(both), null);
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
    return new PairedMetric(metric, ids, b, c, clusterKeys(ids));
  }

  private List<String> clusterKeys(List<String> ids) {
    return clusters == null ? null : ids.stream().map(clusters::key).toList();
  }

  /**
   * The paired sufficient statistics of a corpus-level metric ({@code METRIC#0 .. METRIC#k-1},
   * k = {@code formula.dimension()}) over the examples that have the metric on both sides; empty
   * when no example carries them (e.g. a score file of sentence values only), so the metric is
   * compared as a mean.
   *
   * @throws InputException when some paired examples carry the statistics and others do not, or
   *     the statistics have another length than the formula's
   */
  public java.util.Optional<PairedCorpus> corpus(String metric, dev.assay.stats.bootstrap.CorpusStatistic formula) {
    PairedMetric pm = metric(metric);
    int d = formula.dimension();
    String extra = metric + "#" + d;
    List<double[]> b = new ArrayList<>();
    List<double[]> c = new ArrayList<>();
    List<String> without = new ArrayList<>();
    for (String id : pm.ids()) {
      double[] vb = statistics(baseline, id, metric, d);
      double[] vc = statistics(candidate, id, metric, d);
      if (vb == null || vc == null) {
        without.add(id);
      } else {
        b.add(vb);
        c.add(vc);
      }
      if (baseline.value(id, extra) != null || candidate.value(id, extra) != null) {
        throw InputException.of("example '" + id + "' has more than " + d + " statistics of '" + metric + "' ("
            + extra + ")", d + " statistics " + metric + "#0.." + metric + "#" + (d - 1) + ", as its scorer writes");
      }
    }
    if (b.isEmpty()) {
      return java.util.Optional.empty();
    }
    if (!without.isEmpty()) {
      throw InputException.of(without.size() + " of " + pm.n() + " paired examples lack the corpus statistics "
          + metric + "#0.." + metric + "#" + (d - 1) + " on one side (e.g. '" + without.get(0) + "')",
          "runs whose every scored example carries the statistics (re-score both with the same assay)");
    }
    return java.util.Optional.of(new PairedCorpus(metric, formula, pm.ids(), b, c, pm.clusterKeys()));
  }

  /** The statistics vector of an example, or null when any component is missing. */
  private static double[] statistics(ScoreTable side, String id, String metric, int d) {
    double[] v = new double[d];
    for (int j = 0; j < d; j++) {
      Double x = side.value(id, metric + "#" + j);
      if (x == null) {
        return null;
      }
      v[j] = x;
    }
    return v;
  }
}
