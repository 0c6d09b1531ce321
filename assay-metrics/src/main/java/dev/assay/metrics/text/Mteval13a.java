package dev.assay.metrics.text;

/**
 * The mteval-v13a tokenizer (sacreBLEU's {@code 13a}) as four linear scans instead of four regular
 * expression replacements; each scan reproduces one {@code replaceAll} exactly.
 *
 * <p>The rules, applied in order to {@code " " + line + " "} after removing {@code <skipped>},
 * joining {@code -} + newline, turning newlines into spaces and unescaping four entities:
 *
 * <ol>
 *   <li>{@code ([\{-\~\[-\` -\&\(-\+\:-\@\/])} becomes {@code " $1 "} (ASCII symbols);
 *   <li>{@code ([^0-9])([\.,])} becomes {@code "$1 $2 "} (period or comma after a non-digit);
 *   <li>{@code ([\.,])([^0-9])} becomes {@code " $1 $2"} (period or comma before a non-digit);
 *   <li>{@code ([0-9])(-)} becomes {@code "$1 $2 "} (dash after a digit);
 * </ol>
 *
 * then whitespace is collapsed as Python's {@code str.split()}. A regex replacement scans left
 * to right and resumes after each match, and {@code [^0-9]} consumes a whole code point; the scans
 * below do the same, so the output is identical (checked against the regex version on random
 * text in the tests).
 */
final class Mteval13a {
  private Mteval13a() {}

  static String tokenize(String line) {
    String s = line;
    if (s.indexOf('<') >= 0) {
      s = s.replace("<skipped>", "");
    }
    if (s.indexOf('\n') >= 0) {
      s = s.replace("-\n", "").replace("\n", " ");
    }
    if (s.indexOf('&') >= 0) {
      s = s.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
    }
    int n = s.length();
    char[] a = new char[3 * n + 2];
    int la = 0;
    boolean periodOrComma = false;
    boolean dash = false;
    a[la++] = ' ';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (isSymbol(c)) {
        a[la++] = ' ';
        a[la++] = c;
        a[la++] = ' ';
      } else {
        a[la++] = c;
        periodOrComma |= isPeriodOrComma(c);
        dash |= c == '-';
      }
    }
    a[la++] = ' ';
    if (periodOrComma) {
      char[] b = new char[2 * la];
      int lb = 0;
      for (int i = 0; i < la; ) {
        int k = codePointLength(a, i, la);
        boolean match = !(k == 1 && isDigit(a[i])) && i + k < la && isPeriodOrComma(a[i + k]);
        b[lb++] = a[i];
        if (k == 2) {
          b[lb++] = a[i + 1];
        }
        if (match) {
          b[lb++] = ' ';
          b[lb++] = a[i + k];
          b[lb++] = ' ';
          i++;
        }
        i += k;
      }
      char[] c = new char[2 * lb];
      int lc = 0;
      for (int i = 0; i < lb; ) {
        char ch = b[i];
        if (isPeriodOrComma(ch) && i + 1 < lb) {
          int k = codePointLength(b, i + 1, lb);
          if (!(k == 1 && isDigit(b[i + 1]))) {
            c[lc++] = ' ';
            c[lc++] = ch;
            c[lc++] = ' ';
            c[lc++] = b[i + 1];
            if (k == 2) {
              c[lc++] = b[i + 2];
            }
            i += 1 + k;
            continue;
          }
        }
        c[lc++] = ch;
        i++;
      }
      a = c;
      la = lc;
    }
    if (dash) {
      char[] d = new char[2 * la];
      int ld = 0;
      for (int i = 0; i < la; i++) {
        char ch = a[i];
        d[ld++] = ch;
        if (isDigit(ch) && i + 1 < la && a[i + 1] == '-') {
          d[ld++] = ' ';
          d[ld++] = '-';
          d[ld++] = ' ';
          i++;
        }
      }
      a = d;
      la = ld;
    }
    return PyText.collapseSpaces(a, la);
  }

  /** 2 at a surrogate pair, else 1: a regex class such as {@code [^0-9]} consumes a code point. */
  private static int codePointLength(char[] s, int i, int length) {
    return Character.isHighSurrogate(s[i]) && i + 1 < length && Character.isLowSurrogate(s[i + 1]) ? 2 : 1;
  }

  private static boolean isDigit(int cp) {
    return cp >= '0' && cp <= '9';
  }

  private static boolean isPeriodOrComma(char c) {
    return c == '.' || c == ',';
  }

  /** The character class of rule 1: ASCII {-~ [-` space-& (-+ :-@ and /. */
  private static boolean isSymbol(char c) {
    return (c >= '{' && c <= '~') || (c >= '[' && c <= '`') || (c >= ' ' && c <= '&')
        || (c >= '(' && c <= '+') || (c >= ':' && c <= '@') || c == '/';
  }
}
