package dev.assay.monitor.data;

import dev.assay.core.InputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Opens a data file as a {@link Table} by its extension. */
public final class Tables {
  private Tables() {}

  /**
   * @param file the resolved path
   * @param name the path as the user wrote it
   * @param columns for JSONL, the columns to read (null: the first object's keys); ignored otherwise
   */
  public static Table open(Path file, String name, List<String> columns) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
      return new JsonlTable(file, name, columns);
    }
    if (n.endsWith(".csv")) {
      return new CsvTable(file, name);
    }
    if (n.endsWith(".parquet")) {
      return new ParquetTable(file, name);
    }
    throw new InputException(name, 0, null, "cannot tell the data format from the file name",
        "a .jsonl, .ndjson, .csv or .parquet file, or run:RUN_ID");
  }
}
