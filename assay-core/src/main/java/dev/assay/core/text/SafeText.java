package dev.assay.core.text;

/**
 * Makes untrusted text (model outputs, dataset fields) safe to encode: every lone UTF-16
 * surrogate (what a broken UTF-8 or UTF-16 source leaves behind) and every control character other
 * than tab, newline and carriage return becomes U+FFFD, so the UTF-8 writer can never fail and no
 * invisible control character reaches a reader. Escaping for a particular output format is the job
 * of the report module's HTML writer and of {@link MarkdownText}; both call this first.
 */
public final class SafeText {
  /** The replacement character. */
  public static final char REPLACEMENT = '\uFFFD';

  private SafeText() {}

  /** {@code text} with lone surrogates and disallowed controls replaced; "" for null. */
  public static String clean(String text) {
    if (text == null) {
      return "";
    }
    int n = text.length();
    int i = 0;
    while (i < n && ok(text, i)) {
      i += Character.isHighSurrogate(text.charAt(i)) ? 2 : 1;
    }
    if (i >= n) {
      return text;
    }
    StringBuilder sb = new StringBuilder(n);
    sb.append(text, 0, i);
    while (i < n) {
      char c = text.charAt(i);
      if (ok(text, i)) {
        sb.append(c);
        if (Character.isHighSurrogate(c)) {
          sb.append(text.charAt(i + 1));
          i++;
        }
      } else {
        sb.append(REPLACEMENT);
      }
      i++;
    }
    return sb.toString();
  }

  private static boolean ok(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return false;
    }
    if (c < 0x20) {
      return c == '\t' || c == '\n' || c == '\r';
    }
    // DEL and C1 controls; U+FFFE/U+FFFF are non-characters that XML-based tools reject.
    return !(c >= 0x7f && c <= 0x9f) && c != '\uFFFE' && c != '\uFFFF';
  }

  /**
   * At most {@code max} characters of cleaned {@code text}, never splitting a surrogate pair, with
   * a note of how many were left out.
   */
  public static String truncate(String text, int max) {
    String s = clean(text);
    if (s.length() <= max) {
      return s;
    }
    int end = Character.isLowSurrogate(s.charAt(max)) ? max - 1 : max;
    return s.substring(0, end) + " … (" + (s.length() - end) + " more characters)";
  }
}
