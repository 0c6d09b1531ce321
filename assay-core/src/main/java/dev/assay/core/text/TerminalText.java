package dev.assay.core.text;

import java.util.Locale;

/**
 * Escapes text for a terminal. Names, ids, messages and outputs may come from files or from a
 * model, and a raw ESC, BEL or C1 byte in them would let that text clear the screen, set the
 * window title or move the cursor; a bidirectional override would make the line read differently
 * from what it holds.
 *
 * <p>Invariant: the result contains no C0 control (U+0000–U+001F), no DEL, no C1 control
 * (U+0080–U+009F), no bidirectional formatting character (U+061C, U+200E, U+200F, U+202A–U+202E,
 * U+2066–U+2069), no line or paragraph separator (U+2028, U+2029) and no lone surrogate; each is
 * written as a visible escape ({@code \n}, {@code \t}, {@code \r}, else {@code \}{@code uXXXX}
 * in lower-case hex). {@link #escapeKeepingLayout} keeps newlines and tabs, for tables and
 * multi-line reports. Everything else, including other non-ASCII text, passes unchanged.
 */
public final class TerminalText {
  private TerminalText() {}

  /** {@code text} on one line with every control escaped; "" for null. */
  public static String escape(String text) {
    return escape(text, false);
  }

  /** {@code text} with controls escaped except newline and tab, which shape tables; "" for null. */
  public static String escapeKeepingLayout(String text) {
    return escape(text, true);
  }

  private static String escape(String text, boolean keepLayout) {
    if (text == null) {
      return "";
    }
    int n = text.length();
    int i = 0;
    while (i < n && !needsEscape(text, i, keepLayout)) {
      i += Character.isHighSurrogate(text.charAt(i)) ? 2 : 1;
    }
    if (i >= n) {
      return text;
    }
    StringBuilder sb = new StringBuilder(n + 16);
    sb.append(text, 0, i);
    while (i < n) {
      char c = text.charAt(i);
      if (!needsEscape(text, i, keepLayout)) {
        sb.append(c);
        if (Character.isHighSurrogate(c)) {
          sb.append(text.charAt(i + 1));
          i++;
        }
      } else {
        switch (c) {
          case '\n' -> sb.append("\\n");
          case '\t' -> sb.append("\\t");
          case '\r' -> sb.append("\\r");
          default -> sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
        }
      }
      i++;
    }
    return sb.toString();
  }

  private static boolean needsEscape(String s, int i, boolean keepLayout) {
    char c = s.charAt(i);
    if (c < 0x20) {
      return !(keepLayout && (c == '\n' || c == '\t'));
    }
    if (c < 0x7f) {
      return false;
    }
    if (c <= 0x9f) {
      return true;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return true;
    }
    return isBidiOrSeparator(c);
  }

  /** Bidirectional formatting characters and the Unicode line and paragraph separators. */
  private static boolean isBidiOrSeparator(char c) {
    return c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069') || c == '\u2028' || c == '\u2029';
  }
}
