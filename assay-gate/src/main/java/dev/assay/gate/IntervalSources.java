package dev.assay.gate;

import dev.assay.stats.ConfidenceInterval;
import dev.assay.stats.bootstrap.Bootstrap;
import dev.assay.stats.bootstrap.BootstrapDistribution;
import dev.assay.stats.bootstrap.CorpusStatistic;
import dev.assay.stats.bootstrap.KeyedRecords;
import dev.assay.stats.hypothesis.PairedTTest;
import dev.assay.stats.interval.WilsonInterval;
import java.util.ArrayList;
import java.util.List;

/** Builds the interval family of a paired difference or of one side's mean. */
final class IntervalSources {
  private IntervalSources() {}

  /** Intervals for {@code mean(candidate) - mean(baseline)}, paired by example. */
  static IntervalSource pairedDifference(PairedMetric pm, CompareOptions o) {
    double[] d = pm.differences();
    if (allEqual(d)) {
      return point(PairedMetric.mean(d));
    }
    if (o.interval() == IntervalChoice.T) {
      return student(d);
    }
    BootstrapDistribution dist = bootstrap(o).pairedMeanDifference(pm.ids(), pm.baseline(), pm.candidate(), null);
    return bootstrapFamily(dist, o.interval() == IntervalChoice.BCA);
  }

  /**
   * Intervals for the mean of one side's values: Wilson for 0/1 values (sound at 0 or n
   * successes, where a bootstrap collapses to a point), otherwise the chosen method.
   */
  static IntervalSource mean(List<String> ids, double[] values, CompareOptions o) {
    if (PairedMetric.allBinary(values)) {
      long successes = 0;
      for (double v : values) {
        successes += (long) v;
      }
      long x = successes;
      return new IntervalSource() {
        @Override
        public String method() {
          return "wilson";
        }

        @Override
        public ConfidenceInterval at(double confidence) {
          return WilsonInterval.of(x, values.length, confidence);
        }
      };
    }
    if (allEqual(values)) {
      return point(values[0]);
    }
    if (o.interval() == IntervalChoice.T) {
      return student(values);
    }
    List<double[]> vectors = new ArrayList<>(values.length);
    for (double v : values) {
      vectors.add(new double[] {v, 1});
    }
    BootstrapDistribution dist = bootstrap(o).ofCorpus(KeyedRecords.of(ids, vectors), CorpusStatistic.ratioOfSums());
    return bootstrapFamily(dist, o.interval() == IntervalChoice.BCA);
  }

  private static Bootstrap bootstrap(CompareOptions o) {
    return Bootstrap.defaults().withReplicates(o.replicates()).withSeed(o.seed());
  }

  private static boolean allEqual(double[] v) {
    for (double x : v) {
      if (x != v[0]) {
        return false;
      }
    }
    return true;
  }

  /** Every value equal: no sampling variation is visible, the interval is the point. */
  private static IntervalSource point(double value) {
    return new IntervalSource() {
      @Override
      public String method() {
        return "point (no variation)";
      }

      @Override
      public ConfidenceInterval at(double confidence) {
        return new ConfidenceInterval(value, value, confidence);
      }
    };
  }

  private static IntervalSource student(double[] values) {
    if (values.length < 2) {
      throw dev.assay.core.InputException.of("a t interval needs at least 2 paired examples",
          "more examples, or --interval bca");
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
   */
  private static IntervalSource bootstrapFamily(BootstrapDistribution dist, boolean bca) {
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
    String method = chosen ? "bca" : bca ? "percentile (bca undefined)" : "percentile";
    double resolution = 2.0 / dist.size();
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
    };
  }
}
