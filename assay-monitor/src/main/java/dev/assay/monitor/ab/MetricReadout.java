package dev.assay.monitor.ab;

import dev.assay.core.Verdict;
import dev.assay.monitor.stats.Estimate;

/**
 * One metric's readout.
 *
 * @param metric the declaration
 * @param control the control's value (mean, or ratio of sums)
 * @param treatment the treatment's value
 * @param controlUnits units of the control with a value
 * @param treatmentUnits units of the treatment with a value
 * @param missing units of either variant without a value (left out)
 * @param difference treatment - control (CUPED-adjusted when a covariate is given), the judged estimate
 * @param unadjusted the difference without CUPED (same as {@code difference} without a covariate)
 * @param lift relative lift (treatment / control - 1) with a delta-method interval
 * @param theta CUPED's coefficient, NaN without a covariate
 * @param varianceReduction share of the difference's variance CUPED removed, NaN without a covariate
 * @param boundary the rule's boundary in the metric's units, signed as the "better" direction sees it
 * @param pValue the rule's interval-inversion p-value (fixed horizon)
 * @param adjustedP Holm-adjusted across the metrics
 * @param sequential the always-valid readout, or null without looks
 * @param verdict the rule's verdict
 * @param reason why, in words
 */
public record MetricReadout(AbMetric metric, double control, double treatment, long controlUnits,
    long treatmentUnits, long missing, Estimate difference, Estimate unadjusted, Estimate lift, double theta,
    double varianceReduction, double boundary, double pValue, double adjustedP, Sequential sequential,
    Verdict verdict, String reason) {

  /**
   * The always-valid readout after the last look.
   *
   * @param looks how many looks
   * @param pValue mSPRT always-valid p-value of "no difference"
   * @param lower confidence-sequence lower bound (running intersection)
   * @param upper confidence-sequence upper bound
   * @param tau the mixture scale used
   */
  public record Sequential(int looks, double pValue, double lower, double upper, double tau) {}
}
