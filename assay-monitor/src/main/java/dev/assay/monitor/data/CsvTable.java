package dev.assay.monitor.data;

import dev.assay.core.InputException;
import dev.assay.core.io.CsvRecordReader;
import dev.assay.core.io.InputFiles;
import dev.assay.core.io.Utf8LineReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A CSV file (RFC 4180, a header row of distinct column names), read with assay-core's CSV reader.
 * Every value is text; an empty field is a missing value.
 *
 * <p>As a {@link ColumnarSource} the file is parsed by DuckDB's CSV reader (on its own threads,
 * without a Java object per cell), with the dialect fixed instead of sniffed (comma, double quote
 * escaped by doubling, a header, every column VARCHAR, strict mode). Values mean what they mean to
 * {@link #scan}: an empty field (quoted or not) is missing, a line break inside a quoted field is
 * {@code \n}, numbers follow {@link TextNumbers}. Where DuckDB and the row reader could disagree it
 * does not guess: DuckDB rejecting the file (wrong field count, an unclosed quote, bad UTF-8), or a
 * value containing a double quote (DuckDB accepts {@code a"b} unquoted, the row reader does not),
 * throws {@link ColumnarUnavailable} and the caller scans row by row, which gives the result or the
 * error with its line.
 */
public final class CsvTable implements Table, ColumnarSource {
  /** Files from this size on are profiled through DuckDB when the profile allows it (64 MiB). */
  public static final long COLUMNAR_BYTES = 64L << 20;

  private final Path file;
  private final String name;
  private final List<String> columns;

  public CsvTable(Path file, String name) {
    this.file = file;
    this.name = name;
    this.columns = header();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public boolean textual() {
    return true;
  }

  @Override
  public void scan(RowConsumer consumer) {
    Object[] row = new Object[columns.size()];
    boolean any = false;
    try (Utf8LineReader lines = new Utf8LineReader(InputFiles.open(file, name, "a CSV data file"), name)) {
      CsvRecordReader reader = new CsvRecordReader(lines, name);
      reader.next(); // the header, checked in the constructor
      CsvRecordReader.CsvRecord r;
      while ((r = reader.next()) != null) {
        List<String> f = r.fields();
        if (f.size() != row.length) {
          throw new InputException(name, r.line(), null, "row has " + f.size() + " fields",
              row.length + " fields, as in the header");
        }
        for (int i = 0; i < row.length; i++) {
          String v = f.get(i);
          row[i] = v.isEmpty() ? null : v;
        }
        any = true;
        consumer.accept(row, r.line());
      }
    } catch (IOException e) {
      throw InputFiles.unreadable(file, name, "a CSV data file", e);
    }
    if (!any) {
      throw new InputException(name, 0, null, "no rows", "a header row and at least one record");
    }
  }

  /** The file. */
  public Path file() {
    return file;
  }

  @Override
  public boolean numeric(String column) {
    return columns.contains(column);
  }

  @Override
  public boolean text(String column) {
    return columns.contains(column);
  }

  @Override
  public String raw(String column) {
    return "NULLIF(" + ParquetTable.quote(column) + ", '')";
  }

  @Override
  public String number(String column) {
    return TextNumbers.sql(raw(column));
  }

  /** The raw value with CRLF inside quoted fields as LF, as the row reader joins lines. */
  @Override
  public String label(String column) {
    return "replace(" + raw(column) + ", chr(13) || chr(10), chr(10))";
  }

  /** Every column: each query parses the whole file. */
  @Override
  public int batch() {
    return Integer.MAX_VALUE;
  }


  /**
   * {@code read_csv} of the bound path with the row reader's dialect and the header's columns,
   * numbered by {@code ROW_NUMBER() OVER ()}: without partition or order it is DuckDB's streaming
   * window, rows keep file order (preserve_insertion_order) and nothing is materialised.
   */
  @Override
  public String relation() {
    StringBuilder types = new StringBuilder("{");
    for (int i = 0; i < columns.size(); i++) {
      types.append(i == 0 ? "" : ", ").append('\'').append(columns.get(i).replace("'", "''")).append("': 'VARCHAR'");
    }
    return "(SELECT row_number() OVER () - 1 AS __r, * FROM read_csv(?, header = true, auto_detect = false, "
        + "delim = ',', quote = '\"', escape = '\"', strict_mode = true, null_padding = false, all_varchar = true, "
        + "columns = " + types.append('}') + "))";
  }

  /** Any value of any column holding a double quote. */
  @Override
  public String distrust() {
    StringBuilder quoted = new StringBuilder("(false");
    for (String c : columns) {
      quoted.append(" OR coalesce(contains(").append(ParquetTable.quote(c)).append(", '\"'), false)");
    }
    return quoted.append(')').toString();
  }

  @Override
  public <T> T single(String sql, ParquetTable.ResultReader<T> reader) {
    return DuckDb.single(sql, file.toString(), reader, this::unavailable);
  }

  @Override
  public void each(String sql, ParquetTable.ResultReader<?> perRow) {
    DuckDb.each(sql, file.toString(), perRow, this::unavailable);
  }

  private ColumnarUnavailable unavailable(java.sql.SQLException e) {
    String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    return new ColumnarUnavailable(name + ": " + m);
  }

  private List<String> header() {
    try (Utf8LineReader lines = new Utf8LineReader(InputFiles.open(file, name, "a CSV data file"), name)) {
      CsvRecordReader.CsvRecord h = new CsvRecordReader(lines, name).next();
      if (h == null) {
        throw new InputException(name, 0, null, "no rows", "a header row and at least one record");
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < h.fields().size(); i++) {
        String c = h.fields().get(i);
        if (c.isEmpty()) {
          throw new InputException(name, h.line(), null, "empty name of column " + (i + 1) + " in the header",
              "a name for every column");
        }
        if (!seen.add(c)) {
          throw new InputException(name, h.line(), c, "column " + (i + 1) + " repeats an earlier name",
              "distinct column names");
        }
      }
      return List.copyOf(h.fields());
    } catch (IOException e) {
      throw InputFiles.unreadable(file, name, "a CSV data file", e);
    }
  }
}
