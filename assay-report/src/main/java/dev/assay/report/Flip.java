package dev.assay.report;

/**
 * An example whose primary metric changed between baseline and candidate.
 *
 * @param id the example id
 * @param baseline the baseline's value
 * @param candidate the candidate's value
 * @param regression true when the candidate is worse (in the metric's direction)
 */
public record Flip(String id, double baseline, double candidate, boolean regression) {
  /** How much worse or better, always positive. */
  public double size() {
    return Math.abs(candidate - baseline);
  }
}
