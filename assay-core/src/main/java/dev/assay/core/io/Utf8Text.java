package dev.assay.core.io;

import dev.assay.core.InputException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a whole small file as strict UTF-8, so that a parser never meets an invalid byte (parsers
 * report those in their own terms, with class names and without a useful line).
 */
final class Utf8Text {
  private Utf8Text() {}

  /**
   * The text of {@code bytes}, without a leading byte-order mark.
   *
   * @throws InputException naming {@code name} and the line of the first invalid byte
   */
  static String decode(byte[] bytes, String name) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
        ? 3 : 0;
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int line = 1;
      for (int i = 0; i < in.position(); i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new InputException(name, line, null, "invalid UTF-8", "a UTF-8 text file");
    }
    return out.flip().toString();
  }
}
