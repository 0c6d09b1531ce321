package dev.assay.metrics.retrieval;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One field of a TREC file whose value repeats from line to line (the topic id of a run of
 * lines, the run tag): the bytes are decoded only when they differ from the previous line's, and
 * the same {@link String} is returned while they repeat. A file whose lines are not grouped by
 * topic is still read correctly, just without the saving.
 *
 * <p>Not thread-safe: one instance serves one file read.
 */
final class RepeatedField {
  private byte[] last = new byte[64];
  private int length = -1;
  private String value;

  /** The string of the UTF-8 bytes {@code b[from, to)} (valid UTF-8). */
  String of(byte[] b, int from, int to) {
    int len = to - from;
    if (len == length && Arrays.equals(last, 0, len, b, from, to)) {
      return value;
    }
    if (last.length < len) {
      last = new byte[Math.max(len, 2 * last.length)];
    }
    System.arraycopy(b, from, last, 0, len);
    length = len;
    value = new String(b, from, len, StandardCharsets.UTF_8);
    return value;
  }
}
