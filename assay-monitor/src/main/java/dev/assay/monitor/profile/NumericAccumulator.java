package dev.assay.monitor.profile;

import dev.assay.monitor.data.TextNumbers;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/** Builds a {@link NumericProfile}: moments, optional KLL sketch, sample, bin counts. */
final class NumericAccumulator implements Accumulator {
  /** KLL accuracy parameter: normalised rank error about 1.3% (DataSketches' default). */
  static final int KLL_K = 200;

  private final String name;
  private final boolean textual;
  private final KllDoublesSketch sketch;
  private final Reservoir<Double> sample;
  private final double[] edges;
  private final long[] bins;
  private long count;
  private long missing;
  private long invalid;
  private double mean;
  private double m2;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  /**
   * @param edges bin edges to count in, or null when they are not known yet (first pass)
   * @param withSketch whether to keep a KLL sketch
   */
  NumericAccumulator(String name, boolean textual, int sampleSize, double[] edges, boolean withSketch) {
    this.name = name;
    this.textual = textual;
    this.sketch = withSketch ? KllDoublesSketch.newHeapInstance(KLL_K) : null;
    this.sample = new Reservoir<>(sampleSize);
    this.edges = edges == null ? new double[0] : edges;
    this.bins = new long[this.edges.length + 1];
  }

  @Override
  public void add(Object value, long priority) {
    double v;
    if (value == null) {
      missing++;
      return;
    }
    if (value instanceof Double d) {
      v = d;
    } else if (textual && value instanceof String s) {
      Double d = TextNumbers.parse(s);
      if (d == null) {
        invalid++;
        return;
      }
      v = d;
    } else {
      invalid++;
      return;
    }
    if (Double.isNaN(v)) {
      missing++;
      return;
    }
    if (Double.isInfinite(v)) {
      invalid++;
      return;
    }
    count++;
    double delta = v - mean;
    mean += delta / count;
    m2 += delta * (v - mean);
    if (v < min) {
      min = v;
    }
    if (v > max) {
      max = v;
    }
    if (sketch != null) {
      sketch.update(v);
    }
    if (sample.admits(priority)) {
      sample.offer(priority, v);
    }
    bins[NumericProfile.bin(edges, v)]++;
  }

  @Override
  public NumericProfile finish() {
    double[] s = new double[sample.size()];
    int i = 0;
    for (Double d : sample.items()) {
      s[i++] = d;
    }
    java.util.Arrays.sort(s);
    double[] quantiles = null;
    byte[] bytes = null;
    if (sketch != null && !sketch.isEmpty()) {
      quantiles = sketch.getQuantiles(NumericProfile.QUANTILE_LEVELS, QuantileSearchCriteria.INCLUSIVE);
      bytes = sketch.toByteArray();
    }
    return new NumericProfile(name, count, missing, invalid, count == 0 ? Double.NaN : mean,
        count == 0 ? Double.NaN : Math.sqrt(m2 / count), count == 0 ? Double.NaN : min,
        count == 0 ? Double.NaN : max, quantiles, bytes, s, edges.clone(), bins.clone());
  }

}
