package dev.assay.report;

/**
 * One slice ({@code key=value} of an example tag) of one metric.
 *
 * @param key the tag key
 * @param value the tag value
 * @param baseline the baseline's mean over the slice (the run's, for a single-run report)
 * @param candidate the candidate's mean, null for a single-run report
 * @param difference the paired difference candidate - baseline, null for a single-run report
 */
public record SliceRow(String key, String value, Estimate baseline, Estimate candidate, Estimate difference) {
  /** {@code key=value}. */
  public String label() {
    return key + "=" + value;
  }
}
