package dev.assay.monitor.drift;

import java.util.Map;

/**
 * One hypothesis of a drift check: a column's distribution, its missing share, or its presence.
 *
 * @param column the column
 * @param type numeric, categorical or text
 * @param aspect {@code distribution}, {@code missing} (share of missing or invalid values) or
 *     {@code schema} (the column is gone)
 * @param test the test used, e.g. {@code ks-exact}; null for schema findings
 * @param statistic the test statistic (KS D, chi-square, MMD²)
 * @param pValue raw p-value (NaN when not tested)
 * @param adjustedP Benjamini-Hochberg adjusted p-value across the check's hypotheses (NaN when not tested)
 * @param effect the effect size's name
 * @param effectSize its value
 * @param threshold its threshold
 * @param drifted adjusted p <= q and effect size >= threshold (or a schema finding)
 * @param details further figures: psi, wasserstein_norm, ks_d, js, reference/current missing share, ...
 * @param note a sentence for people (unseen labels, a column gone), or null
 */
public record ColumnDrift(String column, String type, String aspect, String test, double statistic, double pValue,
    double adjustedP, String effect, double effectSize, double threshold, boolean drifted, Map<String, Double> details,
    String note) {

  ColumnDrift withAdjusted(double adjusted, double q) {
    boolean d = adjusted <= q && effectSize >= threshold;
    return new ColumnDrift(column, type, aspect, test, statistic, pValue, adjusted, effect, effectSize, threshold, d,
        details, note);
  }
}
