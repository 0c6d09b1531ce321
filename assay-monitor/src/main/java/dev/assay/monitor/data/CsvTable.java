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
 */
public final class CsvTable implements Table {
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
