package dev.assay.core.io;

import dev.assay.core.InputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 CSV text into records.
 *
 * <p>Fields are separated by commas; a field that contains a comma, a quote or a line break is
 * enclosed in double quotes, with {@code ""} standing for one quote. A quoted field may span lines;
 * a line break inside it is read as {@code \n} whatever the file's line endings. A record's line
 * is the line it starts on, and errors in a record name that line. Empty lines between records are
 * skipped. Quotes inside an unquoted
 * field, text after a closing quote and an unterminated quoted field are errors, because each of
 * them usually means the columns were split wrongly.
 */
public final class CsvRecordReader {
  /**
   * One record.
   *
   * @param line the 1-based line the record starts on
   * @param fields the field values in column order
   */
  public record CsvRecord(int line, List<String> fields) {}

  private enum State {
    FIELD_START,
    UNQUOTED,
    QUOTED,
    AFTER_QUOTE
  }

  private static final String QUOTING = "fields containing \" must be quoted, with \"\" for a quote (RFC 4180)";

  private final Utf8LineReader lines;
  private final String file;

  public CsvRecordReader(Utf8LineReader lines, String file) {
    this.lines = lines;
    this.file = file;
  }

  /** The next record, or null at the end of the input. */
  public CsvRecord next() throws IOException {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    State state = State.FIELD_START;
    int start = 0;
    String text;
    while ((text = lines.next()) != null) {
      int number = lines.lineNumber();
      if (start == 0) {
        if (text.isEmpty()) {
          continue;
        }
        start = number;
      }
      int n = text.length();
      int i = 0;
      while (i < n) {
        switch (state) {
          case FIELD_START -> {
            char c = text.charAt(i);
            if (c == '"') {
              state = State.QUOTED;
              i++;
            } else if (c == ',') {
              fields.add("");
              i++;
            } else {
              state = State.UNQUOTED;
            }
          }
          case UNQUOTED -> {
            int j = i;
            char c = 0;
            while (j < n && (c = text.charAt(j)) != ',' && c != '"') {
              j++;
            }
            field.append(text, i, j);
            if (j == n) {
              i = n;
            } else if (c == ',') {
              fields.add(field.toString());
              field.setLength(0);
              state = State.FIELD_START;
              i = j + 1;
            } else {
              throw new InputException(file, start, null,
                  "quote inside an unquoted field (column " + (fields.size() + 1) + ")", QUOTING);
            }
          }
          case QUOTED -> {
            int j = text.indexOf('"', i);
            if (j < 0) {
              field.append(text, i, n);
              i = n;
            } else {
              field.append(text, i, j);
              if (j + 1 < n && text.charAt(j + 1) == '"') {
                field.append('"');
                i = j + 2;
              } else {
                state = State.AFTER_QUOTE;
                i = j + 1;
              }
            }
          }
          case AFTER_QUOTE -> {
            if (text.charAt(i) != ',') {
              throw new InputException(file, start, null,
                  "text after the closing quote of column " + (fields.size() + 1), QUOTING);
            }
            fields.add(field.toString());
            field.setLength(0);
            state = State.FIELD_START;
            i++;
          }
        }
      }
      if (state == State.QUOTED) {
        field.append('\n');
        continue;
      }
      fields.add(field.toString());
      return new CsvRecord(start, fields);
    }
    if (start != 0) {
      throw new InputException(file, start, null, "quoted field not closed before the end of the file",
          "a closing \" for every opening \"");
    }
    return null;
  }
}
