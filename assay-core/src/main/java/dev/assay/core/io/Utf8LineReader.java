package dev.assay.core.io;

import dev.assay.core.InputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a byte stream as strict UTF-8 text, one physical line at a time, counting lines.
 *
 * <p>Lines end at {@code \n}; a {@code \r} right before it is dropped. A UTF-8 byte-order mark at
 * the start of line 1 is skipped. Each line is decoded on its own so that an invalid byte is
 * reported with the number of the line that holds it (a decoding {@code Reader} reads ahead and
 * would blame the wrong line). A line may hold at most {@link #MAX_LINE_BYTES} bytes, so a file
 * without line breaks cannot exhaust memory. Not thread-safe.
 */
public final class Utf8LineReader implements Closeable {
  /** The longest line read: 64 MiB. */
  public static final int MAX_LINE_BYTES = 64 << 20;

  private final InputStream in;
  private final String file;
  private final byte[] buffer = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] line = new byte[1024];
  private int length;
  private int number;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  /**
   * @param in the stream to read; closed by {@link #close()}
   * @param file the name used in error messages
   */
  public Utf8LineReader(InputStream in, String file) {
    this.in = in;
    this.file = file;
  }

  /** The 1-based number of the line last returned by {@link #next()} (0 before the first). */
  public int lineNumber() {
    return number;
  }

  /**
   * The next line without its terminator, or null at the end of the input.
   *
   * @throws InputException when the line is not valid UTF-8
   */
  public String next() throws IOException {
    length = 0;
    boolean ascii = true;
    boolean any = false;
    while (true) {
      if (pos == limit && !fill()) {
        if (!any) {
          return null;
        }
        break;
      }
      any = true;
      int start = pos;
      int i = pos;
      while (i < limit && buffer[i] != '\n') {
        ascii &= buffer[i] >= 0;
        i++;
      }
      append(start, i - start);
      if (i < limit) {
        pos = i + 1;
        break;
      }
      pos = limit;
    }
    number++;
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    int offset = 0;
    if (number == 1 && length >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) {
      offset = 3;
    }
    if (ascii) {
      return new String(line, 0, length, StandardCharsets.US_ASCII);
    }
    try {
      return decoder.decode(ByteBuffer.wrap(line, offset, length - offset)).toString();
    } catch (CharacterCodingException e) {
      throw new InputException(file, number, null, "invalid UTF-8", "a UTF-8 text file");
    }
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer);
    while (n == 0) {
      n = in.read(buffer);
    }
    if (n < 0) {
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  private void append(int from, int count) {
    if (count > MAX_LINE_BYTES - length) {
      throw new InputException(file, number + 1, null, "line longer than " + InputFiles.bytes(MAX_LINE_BYTES),
          "lines of at most " + InputFiles.bytes(MAX_LINE_BYTES) + "; see docs/security.md");
    }
    if (length + count > line.length) {
      byte[] bigger = new byte[Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, length + count))];
      System.arraycopy(line, 0, bigger, 0, length);
      line = bigger;
    }
    System.arraycopy(buffer, from, line, length, count);
    length += count;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
