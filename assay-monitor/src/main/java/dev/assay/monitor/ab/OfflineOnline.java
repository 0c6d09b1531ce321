package dev.assay.monitor.ab;

import dev.assay.core.InputException;
import dev.assay.monitor.data.Table;
import dev.assay.monitor.stats.KendallTau;
import java.util.ArrayList;
import java.util.List;

/**
 * Does the offline evaluation predict online impact? Given candidate versions with an offline
 * estimate (the comparison's difference against the baseline) and an online A/B delta, Kendall's
 * τ-b between the two with its p-value and Fieller's interval. With few versions the interval is
 * wide; that is the honest answer.
 *
 * @param versions the versions, in file order
 * @param offline offline estimates
 * @param online online deltas
 * @param tau the rank correlation
 */
public record OfflineOnline(List<String> versions, double[] offline, double[] online, KendallTau tau) {

  /**
   * Reads one row per version.
   *
   * @param versionColumn the version's name column (null: row numbers)
   */
  public static OfflineOnline read(Table table, String versionColumn, String offlineColumn, String onlineColumn,
      double confidence) {
    List<String> cols = table.columns();
    for (String c : new String[] {versionColumn, offlineColumn, onlineColumn}) {
      if (c != null && !cols.contains(c)) {
        throw new InputException(table.name(), 0, c, "no such column", "one of " + String.join(", ", cols));
      }
    }
    int vi = versionColumn == null ? -1 : cols.indexOf(versionColumn);
    int oi = cols.indexOf(offlineColumn);
    int ni = cols.indexOf(onlineColumn);
    List<String> versions = new ArrayList<>();
    List<double[]> pairs = new ArrayList<>();
    table.scan((values, line) -> {
      versions.add(vi < 0 ? "row " + line : String.valueOf(values[vi]));
      pairs.add(new double[] {number(values[oi], table, line, offlineColumn),
          number(values[ni], table, line, onlineColumn)});
    });
    if (pairs.size() < 2) {
      throw new InputException(table.name(), 0, null, pairs.size() + " version(s)",
          "at least two versions with offline and online results");
    }
    double[] off = pairs.stream().mapToDouble(p -> p[0]).toArray();
    double[] on = pairs.stream().mapToDouble(p -> p[1]).toArray();
    return new OfflineOnline(versions, off, on, KendallTau.of(off, on, confidence));
  }

  private static double number(Object v, Table table, long line, String column) {
    if (v instanceof Double d && Double.isFinite(d)) {
      return d;
    }
    if (v instanceof String s) {
      try {
        double d = Double.parseDouble(s.trim());
        if (Double.isFinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // below
      }
    }
    throw new InputException(table.name(), (int) Math.min(line, Integer.MAX_VALUE), column,
        v == null ? "missing" : "not a number", "a finite number");
  }
}
