package dev.assay.metrics.classification;

import dev.assay.stats.Percentiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Top-label calibration: the reliability diagram and the expected calibration error (ECE).
 *
 * <p>An example's confidence is the probability it gives its predicted label, and it is correct
 * when the predicted label is the true one (Guo et al. 2017; with arg-max predictions this is the
 * maximum probability). Examples are grouped into bins by confidence ({@link Binning}, placed as
 * {@code calibration_curve} places them: {@code searchsorted(inner_edges, confidence)}), and
 * {@code ECE = Σ_b (n_b / n) |accuracy_b − confidence_b|} over non-empty bins, in [0, 1].
 *
 * @param bins every bin, empty ones included, in increasing confidence
 * @param ece the expected calibration error; NaN when the total weight is 0
 */
public record Reliability(List<ReliabilityBin> bins, double ece) {
  public Reliability {
    bins = List.copyOf(bins);
  }

  /** Default number of bins (Guo et al. 2017; also the common torchmetrics default). */
  public static final int DEFAULT_BINS = 15;

  /**
   * The diagram of {@code confidence}/{@code correct} pairs with example weights; {@code
   * QUANTILE} binning needs integer weights (bootstrap multiplicities) because its edges are
   * quantiles of the expanded sample.
   */
  public static Reliability of(double[] confidence, boolean[] correct, double[] weight, int binCount, Binning binning) {
    if (binCount < 1) {
      throw new IllegalArgumentException("need at least one bin, got " + binCount);
    }
    double[] edges = binning == Binning.UNIFORM ? uniformEdges(binCount) : quantileEdges(confidence, weight, binCount);
    double[] count = new double[binCount];
    double[] confidenceSum = new double[binCount];
    double[] correctSum = new double[binCount];
    for (int i = 0; i < confidence.length; i++) {
      int b = bin(edges, confidence[i]);
      count[b] += weight[i];
      confidenceSum[b] += weight[i] * confidence[i];
      if (correct[i]) {
        correctSum[b] += weight[i];
      }
    }
    double total = Arrays.stream(count).sum();
    List<ReliabilityBin> bins = new ArrayList<>(binCount);
    double ece = 0;
    for (int b = 0; b < binCount; b++) {
      double meanConfidence = count[b] == 0 ? Double.NaN : confidenceSum[b] / count[b];
      double accuracy = count[b] == 0 ? Double.NaN : correctSum[b] / count[b];
      ReliabilityBin bin = new ReliabilityBin(edges[b], edges[b + 1], count[b], meanConfidence, accuracy);
      bins.add(bin);
      if (count[b] > 0) {
        ece += count[b] / total * bin.gap();
      }
    }
    return new Reliability(bins, total == 0 ? Double.NaN : ece);
  }

  /** numpy's {@code linspace(0, 1, B + 1)}: {@code i * (1 / B)}, last edge exactly 1. */
  static double[] uniformEdges(int binCount) {
    double step = 1.0 / binCount;
    double[] edges = new double[binCount + 1];
    for (int i = 0; i < binCount; i++) {
      edges[i] = i * step;
    }
    edges[binCount] = 1.0;
    return edges;
  }

  /** {@code np.percentile(confidence, linspace(0, 1, B + 1) * 100)}, with weights as multiplicities. */
  static double[] quantileEdges(double[] confidence, double[] weight, int binCount) {
    boolean[] all = new boolean[confidence.length];
    java.util.Arrays.fill(all, true);
    ScoreGroups groups = ScoreGroups.of(all, confidence, weight);
    int k = groups.size();
    double[] sorted = new double[k];
    double[] multiplicity = new double[k];
    for (int g = 0; g < k; g++) {
      sorted[g] = groups.scores[k - 1 - g];
      multiplicity[g] = groups.positive[k - 1 - g];
    }
    double[] fractions = uniformEdges(binCount);
    double[] edges = new double[binCount + 1];
    for (int i = 0; i <= binCount; i++) {
      // Same rounding path as calibration_curve: fraction * 100, then numpy divides by 100.
      edges[i] = Percentiles.linear(sorted, multiplicity, fractions[i] * 100 / 100);
    }
    return edges;
  }

  /** {@code searchsorted(edges[1:-1], x, side="left")}: the number of inner edges below x. */
  static int bin(double[] edges, double x) {
    int lo = 1;
    int hi = edges.length - 1; // inner edges are edges[1 .. length-2]
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  }
}
