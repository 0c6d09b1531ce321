package dev.assay.monitor.stats;

import dev.assay.stats.ConfidenceInterval;

/**
 * A difference between variants with its standard error, interval and two-sided p-value against
 * zero.
 *
 * @param estimate point estimate
 * @param standardError its estimated standard error
 * @param interval confidence interval
 * @param pValue two-sided p-value of "no difference"
 * @param method computation used, e.g. {@code "welch"}, {@code "delta-method"}
 */
public record Estimate(double estimate, double standardError, ConfidenceInterval interval, double pValue,
    String method) {}
