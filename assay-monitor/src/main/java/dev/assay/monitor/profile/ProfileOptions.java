package dev.assay.monitor.profile;

import java.util.List;
import java.util.Map;

/**
 * How a profile is taken.
 *
 * @param columns the columns to profile, or null for all of the table's
 * @param types column types that override inference
 * @param sampleSize sample values kept per numeric column (default 2,000: the two-sample KS test
 *     on 2,000 against 2,000 values detects a shift of about 0.12 standard deviations with 80%
 *     power, and the sample costs 16 KB per column)
 * @param bins quantile bins of numeric columns for PSI (default 10, the convention)
 * @param topCategories labels tracked per categorical column (default 100; the rest are "other")
 * @param textSample texts embedded per text column (default 200)
 * @param seed seed of the samples
 */
public record ProfileOptions(List<String> columns, Map<String, ColumnType> types, int sampleSize, int bins,
    int topCategories, int textSample, long seed) {
  public static final int DEFAULT_SAMPLE = 2000;
  public static final int DEFAULT_BINS = 10;
  public static final int DEFAULT_TOP = 100;
  public static final int DEFAULT_TEXT_SAMPLE = 200;

  public ProfileOptions {
    types = types == null ? Map.of() : Map.copyOf(types);
    columns = columns == null ? null : List.copyOf(columns);
  }

  public static ProfileOptions defaults() {
    return new ProfileOptions(null, Map.of(), DEFAULT_SAMPLE, DEFAULT_BINS, DEFAULT_TOP, DEFAULT_TEXT_SAMPLE, 0);
  }
}
