package dev.assay.report;

/**
 * One row of an interval plot.
 *
 * @param label what the row is (a metric, a slice)
 * @param estimate the point and interval drawn
 * @param marker a value to mark on the row (a gate's boundary), NaN for none
 * @param tone {@code good}, {@code bad} or {@code neutral}: the colour of the point
 */
public record PlotRow(String label, Estimate estimate, double marker, String tone) {}
