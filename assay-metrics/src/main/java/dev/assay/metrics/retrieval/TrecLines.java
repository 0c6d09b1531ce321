package dev.assay.metrics.retrieval;

import dev.assay.core.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the whitespace-separated lines of a TREC qrels or run file with trec_eval's conventions.
 *
 * <p>A line whose first non-blank character is {@code #} is a comment; blank lines are skipped
 * (trec_eval tolerates them in runs). A {@code #} anywhere else is part of a field, so document
 * ids such as {@code doc#4_17} are kept whole. Fields are separated by any C {@code isspace}
 * character. Files must be UTF-8; invalid bytes are an {@link InputException} naming the line.
 */
final class TrecLines {
  /** Receives one content line: its 1-based number and its first fields. */
  interface Handler {
    /**
     * @param fields the first {@code fields.length} fields; entries past {@code count} are stale
     * @param count how many fields the line has (may exceed {@code fields.length})
     */
    void line(int number, String[] fields, int count);
  }

  private TrecLines() {}

  static void read(Path file, int keep, Handler handler) {
    // newBufferedReader decodes strictly: invalid UTF-8 surfaces as a CharacterCodingException.
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      read(r, file.toString(), keep, handler);
    } catch (NoSuchFileException e) {
      throw new InputException(file, 0, null, "file not found", "a readable file");
    } catch (IOException e) {
      throw new InputException(file, 0, null, "cannot read file: " + e.getMessage(), "a readable file");
    }
  }

  static void read(Reader reader, String fileName, int keep, Handler handler) {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
    String[] fields = new String[keep];
    int number = 0;
    try {
      String line;
      while (true) {
        try {
          line = in.readLine();
        } catch (CharacterCodingException e) {
          throw new InputException(fileName, number + 1, null, "invalid UTF-8", "a UTF-8 text file");
        }
        if (line == null) {
          break;
        }
        number++;
        int count = split(line, fields);
        if (count > 0 && fields[0].charAt(0) != '#') {
          handler.line(number, fields, count);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Splits {@code line} into {@code fields}; returns the total number of fields on the line. */
  static int split(String line, String[] fields) {
    int count = 0;
    int n = line.length();
    int i = 0;
    while (i < n) {
      while (i < n && isSpace(line.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int start = i;
      while (i < n && !isSpace(line.charAt(i))) {
        i++;
      }
      if (count < fields.length) {
        fields[count] = line.substring(start, i);
      }
      count++;
    }
    return count;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x0B;
  }
}
