package dev.assay.cli;

import java.util.Locale;

/**
 * Text bound for a terminal: control characters (which could clear the screen, set the window
 * title or forge lines) are shown escaped. Model outputs, ids and names from files all pass
 * through here before they are printed.
 */
final class Terminal {
  private Terminal() {}

  static String safe(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      if (Character.isISOControl(cp) || cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069) {
        sb.append(cp == '\n' ? "\\n" : cp == '\t' ? "\\t" : String.format(Locale.ROOT, "\\u%04x", cp));
      } else {
        sb.appendCodePoint(cp);
      }
    });
    return sb.toString();
  }
}
