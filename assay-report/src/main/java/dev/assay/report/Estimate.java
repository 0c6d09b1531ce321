package dev.assay.report;

import dev.assay.stats.ConfidenceInterval;

/**
 * A number a report shows with its uncertainty.
 *
 * @param value the point estimate (a mean, or a mean paired difference)
 * @param ci its interval, or null when it cannot be computed (fewer than two examples)
 * @param n examples it rests on
 * @param method how the interval was computed ({@code wilson}, {@code newcombe}, {@code t}, or
 *     the comparison's own method)
 */
public record Estimate(double value, ConfidenceInterval ci, int n, String method) {}
