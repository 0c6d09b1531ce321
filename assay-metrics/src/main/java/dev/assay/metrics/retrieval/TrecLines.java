package dev.assay.metrics.retrieval;

import dev.assay.core.InputException;
import dev.assay.core.io.InputFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the whitespace-separated lines of a TREC qrels or run file with trec_eval's conventions,
 * working on UTF-8 bytes: no {@link String} is made for a line or for a field nobody asks for.
 *
 * <p>Lines end at {@code \n}, {@code \r} or {@code \r\n} (as {@link java.io.BufferedReader#readLine}).
 * A line whose first non-blank character is {@code #} is a comment; blank lines are skipped
 * (trec_eval tolerates them in runs). A {@code #} anywhere else is part of a field, so document
 * ids such as {@code doc#4_17} are kept whole. Fields are separated by any C {@code isspace}
 * character; these are ASCII bytes, which never occur inside a UTF-8 multi-byte sequence, so
 * splitting bytes is splitting characters. Files must be UTF-8: a line with invalid bytes is an
 * {@link InputException} naming that line.
 */
final class TrecLines {
  /** Receives one content line: its 1-based number and its fields. */
  interface Handler {
    void line(int number, Fields fields);
  }

  private static final int BUFFER = 1 << 16;

  private TrecLines() {}

  static void read(Path file, int keep, Handler handler) {
    read(file, file.toString(), keep, handler);
  }

  /** As {@link #read(Path, int, Handler)}, naming the file {@code name} in messages. */
  static void read(Path file, String name, int keep, Handler handler) {
    try (InputStream in = InputFiles.open(file, name, "a TREC file")) {
      read(in, name, keep, handler);
    } catch (IOException e) {
      throw InputFiles.unreadable(file, name, "a TREC file", e);
    }
  }

  /** Reads text already decoded; it is re-encoded as UTF-8 and read like a file. */
  static void read(Reader reader, String fileName, int keep, Handler handler) {
    try {
      StringBuilder text = new StringBuilder();
      char[] chunk = new char[BUFFER];
      for (int r; (r = reader.read(chunk)) >= 0; ) {
        text.append(chunk, 0, r);
      }
      read(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)), fileName, keep, handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void read(InputStream in, String fileName, int keep, Handler handler) throws IOException {
    byte[] buf = new byte[BUFFER];
    int len = 0;
    int pos = 0;
    int scanned = 0;
    boolean eof = false;
    boolean afterCr = false;
    int number = 0;
    Fields fields = new Fields(fileName, keep);
    while (true) {
      if (afterCr && pos < len) {
        // The \n of a \r\n terminator.
        if (buf[pos] == '\n') {
          pos++;
          scanned = Math.max(scanned, pos);
        }
        afterCr = false;
      }
      int end = scanned;
      while (end < len && buf[end] != '\n' && buf[end] != '\r') {
        end++;
      }
      if ((end == len || (afterCr && pos == len)) && !eof) {
        // Incomplete line: keep it, read more (growing the buffer only for a line longer than it).
        System.arraycopy(buf, pos, buf, 0, len - pos);
        len -= pos;
        end -= pos;
        pos = 0;
        if (len == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int r = in.read(buf, len, buf.length - len);
        if (r < 0) {
          eof = true;
        } else {
          len += r;
        }
        scanned = end;
        continue;
      }
      if (pos == len) {
        break;
      }
      number++;
      if (fields.split(buf, pos, end, number) > 0 && buf[fields.start[0]] != '#') {
        handler.line(number, fields);
      }
      afterCr = end < len && buf[end] == '\r';
      pos = Math.min(len, end + 1);
      scanned = pos;
    }
  }

  /** The fields of the current line, as byte ranges of the read buffer; valid during one call. */
  static final class Fields {
    private final String fileName;
    private byte[] buf;
    final int[] start;
    final int[] end;
    private int count;
    private int number;

    Fields(String fileName, int keep) {
      this.fileName = fileName;
      this.start = new int[keep];
      this.end = new int[keep];
    }

    /** Splits {@code buf[from, to)}; returns the total number of fields on the line. */
    int split(byte[] b, int from, int to, int line) {
      buf = b;
      number = line;
      count = 0;
      int ascii = 0;
      int i = from;
      while (i < to) {
        while (i < to && isSpace(b[i])) {
          i++;
        }
        if (i >= to) {
          break;
        }
        int s = i;
        while (i < to && !isSpace(b[i])) {
          ascii |= b[i];
          i++;
        }
        if (count < start.length) {
          start[count] = s;
          end[count] = i;
        }
        count++;
      }
      if (ascii < 0) {
        checkUtf8(b, from, to);
      }
      return count;
    }

    /** How many fields the line has (may exceed the number kept). */
    int count() {
      return count;
    }

    /** Field {@code i} as a new string. */
    String string(int i) {
      return new String(buf, start[i], end[i] - start[i], StandardCharsets.UTF_8);
    }

    /** Field {@code i} as a string, the same object as on the previous line when its bytes repeat. */
    String repeated(int i, RepeatedField field) {
      return field.of(buf, start[i], end[i]);
    }

    /**
     * Field {@code i} as a plain decimal ({@code [+-]digits[.digits]}, at most 15 digits); NaN when
     * it has another form. Exact: the digits and the power of ten are both exact doubles, so their
     * quotient is the correctly rounded value, as {@link Double#parseDouble} gives.
     */
    double plainDecimal(int i) {
      int p = start[i];
      int e = end[i];
      boolean negative = false;
      if (p < e && (buf[p] == '-' || buf[p] == '+')) {
        negative = buf[p] == '-';
        p++;
      }
      long digits = 0;
      int count = 0;
      int fraction = -1;
      for (; p < e; p++) {
        int c = buf[p];
        if (c >= '0' && c <= '9') {
          digits = digits * 10 + (c - '0');
          count++;
          if (fraction >= 0) {
            fraction++;
          }
        } else if (c == '.' && fraction < 0) {
          fraction = 0;
        } else {
          return Double.NaN;
        }
      }
      if (count == 0 || count > 15) {
        return Double.NaN;
      }
      double v = fraction > 0 ? digits / POWERS_OF_TEN[fraction] : digits;
      return negative ? -v : v;
    }

    /** Field {@code i} as {@code [+-]digits} with at most 9 digits; {@link Long#MIN_VALUE} otherwise. */
    long plainInt(int i) {
      int p = start[i];
      int e = end[i];
      boolean negative = false;
      if (p < e && (buf[p] == '-' || buf[p] == '+')) {
        negative = buf[p] == '-';
        p++;
      }
      if (e - p < 1 || e - p > 9) {
        return Long.MIN_VALUE;
      }
      int v = 0;
      for (; p < e; p++) {
        int c = buf[p];
        if (c < '0' || c > '9') {
          return Long.MIN_VALUE;
        }
        v = v * 10 + (c - '0');
      }
      return negative ? -v : v;
    }

    private void checkUtf8(byte[] b, int from, int to) {
      try {
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(b, from, to - from));
      } catch (CharacterCodingException e) {
        throw new InputException(fileName, number, null, "invalid UTF-8", "a UTF-8 text file");
      }
    }
  }

  // 10^0 .. 10^15: the fraction of a decimal of at most 15 digits has at most 15 places.
  private static final double[] POWERS_OF_TEN = {
      1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x0B;
  }
}
