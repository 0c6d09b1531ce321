/**
 * Statistics of monitoring and online experiments: two-sample distribution tests and distances
 * (Kolmogorov-Smirnov, Wasserstein, PSI, chi-square, Jensen-Shannon, MMD), sample-ratio mismatch,
 * Welch and delta-method intervals, CUPED, always-valid sequential tests and Kendall's tau.
 *
 * <p>Pure functions of their arguments (no I/O, no project types), in the style of assay-stats;
 * each one is tested against exact values (scipy's outputs or a slow reference in the test) and by
 * a seeded simulation of its type-I error or coverage.
 */
package dev.assay.monitor.stats;
