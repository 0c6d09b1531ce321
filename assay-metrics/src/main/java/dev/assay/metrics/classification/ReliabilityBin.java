package dev.assay.metrics.classification;

/**
 * One bin of a reliability diagram.
 *
 * @param lower the bin's lower edge (exclusive, except 0 for the first bin)
 * @param upper the bin's upper edge (inclusive)
 * @param count total weight of examples in the bin (their number, for unit weights)
 * @param meanConfidence mean confidence of those examples; NaN when the bin is empty
 * @param accuracy fraction of those examples predicted correctly; NaN when the bin is empty
 */
public record ReliabilityBin(double lower, double upper, double count, double meanConfidence, double accuracy) {
  /** |accuracy − confidence|, the bin's calibration gap; NaN when empty. */
  public double gap() {
    return Math.abs(accuracy - meanConfidence);
  }
}
