package dev.assay.metrics.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Python 3 {@code str} semantics that the reference implementations rely on.
 *
 * <p>Java's {@link Character#isWhitespace} differs from Python's {@code str.isspace}: it rejects
 * U+0085, U+00A0, U+2007 and U+202F, which Python splits on, so tokenisation that must agree with
 * {@code str.split()} uses {@link #isSpace} here. All functions work on code points, as
 * Python strings do, never on UTF-16 units.
 */
final class PyText {
  private PyText() {}

  /**
   * Python's {@code str.isspace} for one code point: bidirectional class WS, B or S, or general
   * category Zs (the set is fixed by the Unicode data and small, so it is listed).
   */
  static boolean isSpace(int cp) {
    if (cp <= 0x20) {
      return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
    }
    if (cp < 0x85) {
      // Printable ASCII, the common case: one comparison instead of the list below.
      return false;
    }
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A)
        || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
  }

  /** Python's {@code str.split()} with no argument: runs of whitespace separate, no empty tokens. */
  static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    while (i < n) {
      while (i < n && isSpace(s.codePointAt(i))) {
        i += Character.charCount(s.codePointAt(i));
      }
      int start = i;
      while (i < n && !isSpace(s.codePointAt(i))) {
        i += Character.charCount(s.codePointAt(i));
      }
      if (i > start) {
        out.add(s.substring(start, i));
      }
    }
    return out;
  }

  /** {@code ' '.join(s.split())}: trims and collapses whitespace runs to one space. */
  static String collapseSpaces(CharSequence s) {
    StringBuilder out = new StringBuilder(s.length());
    int n = s.length();
    int i = 0;
    while (i < n) {
      int cp = Character.codePointAt(s, i);
      int k = Character.charCount(cp);
      if (isSpace(cp)) {
        i += k;
        continue;
      }
      if (out.length() > 0) {
        out.append(' ');
      }
      // Copy one token: a run of non-space code points.
      while (i < n) {
        cp = Character.codePointAt(s, i);
        if (isSpace(cp)) {
          break;
        }
        out.appendCodePoint(cp);
        i += Character.charCount(cp);
      }
    }
    return out.toString();
  }

  /**
   * {@link #collapseSpaces(CharSequence)} of {@code s[0, length)}. Every Python whitespace character
   * is in the BMP, so testing single chars is exact (a surrogate is never whitespace).
   */
  static String collapseSpaces(char[] s, int length) {
    char[] out = new char[length];
    int n = 0;
    for (int i = 0; i < length; i++) {
      char c = s[i];
      if (isSpace(c)) {
        continue;
      }
      if (n > 0 && isSpace(s[i - 1])) {
        out[n++] = ' ';
      }
      out[n++] = c;
    }
    return new String(out, 0, n);
  }

  /** Python's {@code str.rstrip()}. */
  static String rstrip(String s) {
    int end = s.length();
    while (end > 0) {
      int cp = s.codePointBefore(end);
      if (!isSpace(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return s.substring(0, end);
  }

  /** Python's {@code str.lower()} (full Unicode case mapping, locale independent). */
  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** Python's {@code \w} in a Unicode {@code re} pattern: alphanumeric or underscore. */
  static boolean isWordChar(int cp) {
    if (cp == '_' || Character.isLetter(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }
}
