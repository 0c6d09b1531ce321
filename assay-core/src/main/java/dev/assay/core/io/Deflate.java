package dev.assay.core.io;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** Raw deflate (RFC 1951) of stored bodies: what the stores compress large records with. */
public final class Deflate {
  private Deflate() {}

  /**
   * Compresses at level 1: stored bodies are mostly natural-language text, where higher levels
   * gain a few percent for several times the CPU, and writers sit on the engine's acknowledgement
   * path.
   */
  public static byte[] compress(byte[] input) {
    Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    try {
      deflater.setInput(input);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 2 + 64);
      byte[] buffer = new byte[64 * 1024];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /**
   * Decompresses {@code input}.
   *
   * @param what names the body in messages ("a stored result body")
   * @throws IllegalStateException when the bytes are truncated or corrupt
   */
  public static byte[] decompress(byte[] input, String what) {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(input);
      ByteArrayOutputStream out = new ByteArrayOutputStream(input.length * 3 + 64);
      byte[] buffer = new byte[64 * 1024];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new IllegalStateException(what + " is truncated");
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new IllegalStateException(what + " is corrupt: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }
}
