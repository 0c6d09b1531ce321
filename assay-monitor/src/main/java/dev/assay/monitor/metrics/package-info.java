/**
 * Prometheus metrics of monitoring: the latest drift statistic, p-value and alert state per stream
 * and column, the store's counts of runs, verdicts, examples and errors, and the process's own JVM
 * metrics, in the Prometheus text exposition format through the Prometheus Java client.
 */
package dev.assay.monitor.metrics;
