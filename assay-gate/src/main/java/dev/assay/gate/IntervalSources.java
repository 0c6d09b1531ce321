package dev.assay.gate;

import dev.assay.core.InputException;
import dev.assay.stats.ConfidenceInterval;
import dev.assay.stats.bootstrap.Bootstrap;
import dev.assay.stats.bootstrap.BootstrapDistribution;
import dev.assay.stats.bootstrap.CorpusStatistic;
import dev.assay.stats.bootstrap.KeyedRecords;
import dev.assay.stats.hypothesis.PairedTTest;
import dev.assay.stats.interval.WilsonInterval;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Builds the interval family of a paired difference or of one side's value: means of
 * per-example values, or corpus statistics recomputed from resampled sufficient statistics; over
 * examples, or over clusters when cluster keys are given.
 */
final class IntervalSources {
  private IntervalSources() {}

  /** Intervals for {@code mean(candidate) - mean(baseline)}, paired by example (or cluster). */
  static IntervalSource pairedDifference(PairedMetric pm, CompareOptions o) {
    return pairedDifference(pm, o, SharedDraws.NONE);
  }

  /**
   * As {@link #pairedDifference(PairedMetric, CompareOptions)}, taking the bootstrap from {@code
   * shared} when it holds this metric's (the same distribution, computed with other metrics).
   */
  static IntervalSource pairedDifference(PairedMetric pm, CompareOptions o, SharedDraws shared) {
    double[] d = pm.differences();
    if (allEqual(d)) {
      return point(PairedMetric.mean(d));
    }
    if (o.interval() == IntervalChoice.T) {
      refuseTOverClusters(pm.clustered());
      return student(d);
    }
    BootstrapDistribution dist = shared.bootstrap(pm);
    if (dist == null) {
      dist = bootstrap(o).pairedMeanDifference(pm.ids(), pm.baseline(), pm.candidate(), pm.clusterKeys());
    }
    return bootstrapFamily(dist, o.interval() == IntervalChoice.BCA, "");
  }

  /**
   * Intervals for the mean of one side's values. Unclustered 0/1 values: Wilson (sound at 0 or n
   * successes, where a bootstrap collapses to a point). Clustered 0/1 values with no variation:
   * Wilson over the number of clusters, each counted as one observation (the smallest effective
   * sample size when examples within a cluster are positively correlated). Otherwise the chosen
   * method, the bootstrap resampling clusters when clustered.
   *
   * @param clusterKeys one per value, or null
   */
  static IntervalSource mean(List<String> ids, double[] values, List<String> clusterKeys, CompareOptions o) {
    boolean binary = PairedMetric.allBinary(values);
    if (binary && (clusterKeys == null || allEqual(values))) {
      long successes = 0;
      for (double v : values) {
        successes += (long) v;
      }
      int n = values.length;
      if (clusterKeys != null) {
        n = new HashSet<>(clusterKeys).size();
        successes = successes == 0 ? 0 : n;
      }
      long x = successes;
      int trials = n;
      String method = clusterKeys == null ? "wilson" : "wilson (n = clusters)";
      return new IntervalSource() {
        @Override
        public String method() {
          return method;
        }

        @Override
        public ConfidenceInterval at(double confidence) {
          return WilsonInterval.of(x, trials, confidence);
        }
      };
    }
    if (allEqual(values)) {
      return point(values[0]);
    }
    if (o.interval() == IntervalChoice.T) {
      refuseTOverClusters(clusterKeys != null);
      return student(values);
    }
    List<double[]> vectors = new ArrayList<>(values.length);
    for (double v : values) {
      vectors.add(new double[] {v, 1});
    }
    BootstrapDistribution dist = bootstrap(o).ofCorpus(records(ids, clusterKeys, vectors),
        CorpusStatistic.ratioOfSums());
    return bootstrapFamily(dist, o.interval() == IntervalChoice.BCA, "");
  }

  /**
   * Intervals for {@code corpus(candidate) - corpus(baseline)}: a paired bootstrap that resamples
   * examples (or clusters) with one weight for both sides and recomputes both corpus values from
   * the weighted sums. A t interval does not exist for a corpus statistic; the percentile interval
   * is used and the method says so.
   */
  static IntervalSource corpusDifference(PairedCorpus pc, CompareOptions o) {
    if (pc.identical()) {
      return point(0);
    }
    BootstrapDistribution dist = bootstrap(o).ofCorpus(records(pc.ids(), pc.clusterKeys(), pc.joined()),
        CorpusStatistic.pairedDifference(pc.formula()));
    return corpusFamily(dist, o);
  }

  /** Intervals for the candidate's corpus value, resampling examples (or clusters). */
  static IntervalSource corpusCandidate(PairedCorpus pc, CompareOptions o) {
    BootstrapDistribution dist = bootstrap(o).ofCorpus(records(pc.ids(), pc.clusterKeys(), pc.candidate()),
        pc.formula());
    return corpusFamily(dist, o);
  }

  private static IntervalSource corpusFamily(BootstrapDistribution dist, CompareOptions o) {
    if (o.interval() == IntervalChoice.T) {
      return bootstrapFamily(dist, false, " (t undefined for a corpus statistic)");
    }
    return bootstrapFamily(dist, o.interval() == IntervalChoice.BCA, "");
  }

  /** Above this many resampling units, a general statistic's BCa jackknife costs too much: percentile. */
  static final int JACKKNIFE_LIMIT = 5_000;

  /**
   * Intervals for a general statistic of paired examples: {@code statistic(weights)} with one
   * weight per example (or cluster) shared by both sides. BCa's acceleration needs one evaluation per
   * unit; above {@value #JACKKNIFE_LIMIT} units the percentile interval is used and the method says so.
   */
  static IntervalSource general(List<String> ids, List<String> clusterKeys, java.util.function.ToDoubleFunction<double[]> statistic,
      CompareOptions o) {
    List<Integer> positions = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      positions.add(i);
    }
    // Records are the examples' positions; KeyedRecords keeps ascending id order, which is the
    // order of ids here, so weight i belongs to example i.
    KeyedRecords<Integer> records = clusterKeys == null ? KeyedRecords.of(ids, positions)
        : KeyedRecords.clustered(ids, clusterKeys, positions);
    BootstrapDistribution dist = bootstrap(o).of(records, (r, w) -> statistic.applyAsDouble(w));
    int units = clusterKeys == null ? ids.size() : new HashSet<>(clusterKeys).size();
    boolean bca = o.interval() == IntervalChoice.BCA && units <= JACKKNIFE_LIMIT;
    String note = o.interval() == IntervalChoice.T ? " (t undefined for this statistic)"
        : o.interval() == IntervalChoice.BCA && !bca ? " (bca jackknife too costly over " + units + " units)" : "";
    return bootstrapFamily(dist, bca, note);
  }

  private static KeyedRecords<double[]> records(List<String> ids, List<String> clusterKeys, List<double[]> v) {
    return clusterKeys == null ? KeyedRecords.of(ids, v) : KeyedRecords.clustered(ids, clusterKeys, v);
  }

  private static void refuseTOverClusters(boolean clustered) {
    if (clustered) {
      throw InputException.of("the t interval treats examples as independent, which clustered examples are not",
          "--interval bca or percentile with clusters");
    }
  }

  private static Bootstrap bootstrap(CompareOptions o) {
    return Bootstrap.defaults().withReplicates(o.replicates()).withSeed(o.seed());
  }

  static boolean allEqual(double[] v) {
    for (double x : v) {
      if (x != v[0]) {
        return false;
      }
    }
    return true;
  }

  /** Every value equal: no sampling variation is visible, the interval is the point. */
  static IntervalSource point(double value) {
    return new IntervalSource() {
      @Override
      public String method() {
        return "point (no variation)";
      }

      @Override
      public ConfidenceInterval at(double confidence) {
        return new ConfidenceInterval(value, value, confidence);
      }

      @Override
      public double standardError() {
        return 0;
      }
    };
  }

  private static IntervalSource student(double[] values) {
    if (values.length < 2) {
      throw InputException.of("a t interval needs at least 2 paired examples", "more examples, or --interval bca");
    }
    PairedTTest t = PairedTTest.ofDifferences(values);
    return new IntervalSource() {
      @Override
      public String method() {
        return "t";
      }

      @Override
      public ConfidenceInterval at(double confidence) {
        return t.interval(confidence);
      }
    };
  }

  /**
   * Bootstrap intervals; BCa falls back to percentile (and says so in the method) when BCa is
   * undefined for this distribution (every replicate on one side of the estimate, or a degenerate
   * jackknife).
   *
   * @param note appended to the method name (why a method other than the requested one is used)
   */
  private static IntervalSource bootstrapFamily(BootstrapDistribution dist, boolean bca, String note) {
    boolean useBca = bca;
    if (bca) {
      try {
        dist.bca(0.95);
        useBca = Double.isFinite(dist.acceleration());
      } catch (IllegalStateException | IllegalArgumentException e) {
        useBca = false;
      }
    }
    boolean chosen = useBca;
    String method = (chosen ? "bca" : bca ? "percentile (bca undefined)" : "percentile") + note;
    double resolution = 2.0 / dist.size();
    double se = dist.standardError();
    return new IntervalSource() {
      @Override
      public String method() {
        return method;
      }

      @Override
      public ConfidenceInterval at(double confidence) {
        return chosen ? dist.bca(confidence) : dist.percentile(confidence);
      }

      @Override
      public double resolution() {
        return resolution;
      }

      @Override
      public double standardError() {
        return se;
      }
    };
  }
}
