package dev.assay.monitor.profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A monitoring profile: bounded summaries of a table's columns. A reference profile is taken from
 * evaluation data; a current profile is taken from production data with the reference's types,
 * bins and categories, so the two can be compared column by column.
 *
 * @param version format version ({@link #FORMAT_VERSION})
 * @param source where the rows came from, as the user named it
 * @param rows rows read
 * @param seed seed of the samples
 * @param sampleSize the most sample values kept per numeric column
 * @param window for a windowed current profile, the window's start (ISO-8601), else null
 * @param columns summaries, in the table's column order
 */
public record Profile(int version, String source, long rows, long seed, int sampleSize, String window,
    List<ColumnProfile> columns) {
  public static final int FORMAT_VERSION = 1;

  public Profile {
    columns = List.copyOf(columns);
  }

  /** Columns by name. */
  public Map<String, ColumnProfile> byName() {
    Map<String, ColumnProfile> m = new LinkedHashMap<>();
    for (ColumnProfile c : columns) {
      m.put(c.name(), c);
    }
    return m;
  }
}
