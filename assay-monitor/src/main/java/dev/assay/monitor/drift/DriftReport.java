package dev.assay.monitor.drift;

import java.util.List;

/**
 * The outcome of checking one current profile (one window) against a reference.
 *
 * @param reference the reference profile's source
 * @param current the current data's source
 * @param window the window's start, or null
 * @param referenceRows rows in the reference
 * @param currentRows rows in the current data (window)
 * @param q the false-discovery rate
 * @param hypotheses how many hypotheses Benjamini-Hochberg was applied across
 * @param results every finding, drifted ones first, then by adjusted p-value
 * @param newColumns columns of the current data the reference does not have (reported, not drift)
 */
public record DriftReport(String reference, String current, String window, long referenceRows, long currentRows,
    double q, int hypotheses, List<ColumnDrift> results, List<String> newColumns) {

  public DriftReport {
    results = List.copyOf(results);
    newColumns = List.copyOf(newColumns);
  }

  /** Whether any column drifted. */
  public boolean drifted() {
    return results.stream().anyMatch(ColumnDrift::drifted);
  }

  public List<ColumnDrift> driftedColumns() {
    return results.stream().filter(ColumnDrift::drifted).toList();
  }
}
