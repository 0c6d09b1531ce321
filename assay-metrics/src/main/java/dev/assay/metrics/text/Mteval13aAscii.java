package dev.assay.metrics.text;

import java.util.Arrays;

/**
 * The 13a tokenizer ({@link Mteval13a}) fused with token interning, for the common case of a
 * segment of printable ASCII: one pass over the segment yields the token ids that {@code
 * TokenIds.spaceSeparated(Mteval13a.tokenize(rstrip(segment)))} yields, without building the
 * tokenized string.
 *
 * <p>Why it can be one pass. On printable ASCII without {@code <} and {@code &} the entity,
 * {@code <skipped>} and newline steps do nothing, and the four rules only <em>insert</em> spaces:
 * every token is a contiguous span of the segment, and only where the gaps between characters
 * split is in question. Working the rules through (each a left-to-right scan that resumes after
 * its match; see {@link Mteval13a}):
 *
 * <ul>
 *   <li>a space separates; a symbol of rule 1 is a token of its own;
 *   <li>a {@code -} right after a digit is a token of its own (rule 4; no earlier rule inserts a
 *       space after a digit, so "right after" in the original text is right after in rule 4's
 *       input);
 *   <li>a maximal run of {@code m} periods and commas, with left neighbour L and right neighbour
 *       R (a line end counts as a non-digit): if {@code m = 1}, the period splits from both
 *       neighbours unless both are digits ({@code 3.14}). If {@code m >= 2}, rule 2 matches every
 *       other member (starting at the first when L is not a digit, at the second when it is), so
 *       every gap inside the run gets a space, and rule 3 then matches every member followed by a
 *       space: the run splits from L and inside, and from R unless R is a digit and rule 2 left
 *       the last member unmatched (L a non-digit and m even, or L a digit and m odd).
 * </ul>
 *
 * Anything else (another control or non-ASCII character, {@code <}, {@code &}) returns null and
 * the caller takes the general path. {@code Mteval13aAsciiTest} checks this pass against the
 * general one and the regular-expression 13a on seeded random segments dense in digits, periods,
 * commas, dashes and symbols.
 */
final class Mteval13aAscii {
  /** Token buffers up to this length are kept per thread for the next segment. */
  private static final int KEEP_LIMIT = 1 << 16;
  private static final ThreadLocal<int[]> SCRATCH = ThreadLocal.withInitial(() -> new int[256]);

  private Mteval13aAscii() {}

  /**
   * Token ids (interned in {@code ids}) of {@code segment} under 13a, or null when the segment
   * is not printable ASCII without {@code <} and {@code &}. The segment is taken as it is:
   * lowercase it first if the metric does (ASCII stays ASCII).
   */
  static int[] tokenIds(String segment, TokenIds ids) {
    int n = segment.length();
    int[] out = SCRATCH.get();
    if (out.length < n) {
      out = new int[Math.max(n, 2 * out.length)];
      if (n <= KEEP_LIMIT) {
        SCRATCH.set(out); // a huge document's buffer is not pinned in the thread
      }
    }
    int count = 0;
    int start = -1; // start of the token being read, or -1 between tokens
    for (int i = 0; i < n; i++) {
      char c = segment.charAt(i);
      if (isWordChar(c)) {
        if (start < 0) {
          start = i;
        }
      } else if (c == ' ') {
        if (start >= 0) {
          out[count++] = ids.id(segment, start, i);
          start = -1;
        }
      } else if (c == '.' || c == ',') {
        int end = i + 1;
        while (end < n && isPeriodOrComma(segment.charAt(end))) {
          end++;
        }
        int m = end - i;
        boolean leftDigit = i > 0 && isDigit(segment.charAt(i - 1));
        boolean rightDigit = end < n && isDigit(segment.charAt(end));
        if (m == 1 && leftDigit && rightDigit) {
          continue; // a decimal point or digit group: the token goes on
        }
        if (start >= 0) {
          out[count++] = ids.id(segment, start, i);
        }
        for (int j = i; j < end - 1; j++) {
          out[count++] = ids.id(segment, j, j + 1);
        }
        boolean lastMatched = m == 1 || (m % 2 == 1) != leftDigit;
        if (lastMatched || !rightDigit) {
          out[count++] = ids.id(segment, end - 1, end);
          start = -1;
        } else {
          start = end - 1; // the last member stays joined to the digits after it
        }
        i = end - 1;
      } else if (c == '-') {
        if (i > 0 && isDigit(segment.charAt(i - 1))) {
          // start >= 0: the digit before belongs to the current token.
          out[count++] = ids.id(segment, start, i);
          out[count++] = ids.id(segment, i, i + 1);
          start = -1;
        } else if (start < 0) {
          start = i;
        }
      } else if (isSymbol(c)) {
        if (start >= 0) {
          out[count++] = ids.id(segment, start, i);
          start = -1;
        }
        out[count++] = ids.id(segment, i, i + 1);
      } else {
        return null; // control, non-ASCII, '<' or '&': the general path handles it
      }
    }
    if (start >= 0) {
      out[count++] = ids.id(segment, start, n);
    }
    return Arrays.copyOf(out, count);
  }

  /** Letters, digits and the apostrophe: never split from their neighbours by themselves. */
  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\'';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isPeriodOrComma(char c) {
    return c == '.' || c == ',';
  }

  /**
   * The printable symbols of rule 1 other than space, without {@code <} and {@code &}: {@code !"#$%
   * ()*+/:;=>?@[\]^_`{|}~}.
   */
  private static boolean isSymbol(char c) {
    return c > ' ' && c <= '~' && c != '<' && c != '&' && c != '\'' && c != '.' && c != ','
        && c != '-' && !isWordChar(c);
  }
}
