package dev.assay.core.text;

/**
 * Markdown for untrusted text, as rendered by GitHub and GitLab: nothing a model wrote can become
 * HTML, a link, an image, a mention, emphasis or table structure — and ordinary prose stays
 * readable in the Markdown source.
 *
 * <p>{@link #inline} turns line breaks into spaces (the text stays inside one paragraph or table
 * cell) and drops leading spaces (indentation would start a code block). It entity-escapes {@code
 * & < >}, backslash-escapes the characters that open inline markup ({@code \ ` * _ [ ] | ~ $}; an
 * underscore between letters or digits is left alone, as it cannot) and those that open a block
 * at the start of a line ({@code # + - =}, the {@code .} or {@code )} of a leading list marker
 * such as {@code 1.}). Words that GitHub would turn into links on their own — URLs, {@code www.}
 * hosts, e-mail addresses and {@code @mentions}, {@code #123} references — are put in code spans,
 * where nothing is linked and nobody is notified. {@link #fence} puts a block of text in a code
 * fence longer than any run of backticks inside it, where Markdown renders nothing.
 */
public final class MarkdownText {
  private static final String INLINE_MARKUP = "\\`*_[]|~$";
  private static final String BLOCK_START = "#+-=";

  private MarkdownText() {}

  /** One-line escaped text, at most {@code max} characters of the original. */
  public static String inline(String s, int max) {
    String c = SafeText.truncate(s, max).replace('\n', ' ').replace('\r', ' ').replace('\t', ' ').stripLeading();
    StringBuilder sb = new StringBuilder(c.length() + 16);
    int i = 0;
    while (i < c.length()) {
      int end = c.indexOf(' ', i);
      end = end < 0 ? c.length() : end;
      word(sb, c.substring(i, end), i == 0);
      while (end < c.length() && c.charAt(end) == ' ') {
        sb.append(' ');
        end++;
      }
      i = end;
    }
    return sb.toString();
  }

  /**
   * One space-free word. A word is cut at {@code |} and backticks (escaped on their own) so that
   * every self-linking segment can sit in a plain code span.
   */
  private static void word(StringBuilder sb, String w, boolean lineStart) {
    int from = 0;
    for (int k = 0; k <= w.length(); k++) {
      if (k == w.length() || w.charAt(k) == '|' || w.charAt(k) == '`') {
        segment(sb, w.substring(from, k), lineStart && from == 0);
        if (k < w.length()) {
          sb.append('\\').append(w.charAt(k));
        }
        from = k + 1;
      }
    }
  }

  private static void segment(StringBuilder sb, String w, boolean lineStart) {
    if (linksItself(w)) {
      sb.append('`').append(w).append('`');
      return;
    }
    int orderedMarker = lineStart ? orderedListMarker(w) : -1;
    for (int k = 0; k < w.length(); k++) {
      char ch = w.charAt(k);
      switch (ch) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        default -> {
          boolean blockStart = lineStart && k == 0 && BLOCK_START.indexOf(ch) >= 0;
          // An underscore between letters or digits never opens emphasis (exact_match stays as is).
          boolean intraword = ch == '_' && k > 0 && k + 1 < w.length()
              && Character.isLetterOrDigit(w.charAt(k - 1)) && Character.isLetterOrDigit(w.charAt(k + 1));
          if (INLINE_MARKUP.indexOf(ch) >= 0 && !intraword || blockStart || k == orderedMarker) {
            sb.append('\\');
          }
          sb.append(ch);
        }
      }
    }
  }

  /** Whether GitHub would link {@code w} without any markup: a URL, host, address, mention or issue. */
  private static boolean linksItself(String w) {
    if (w.contains("://") || w.toLowerCase(java.util.Locale.ROOT).contains("www.") || w.indexOf('@') >= 0) {
      return true;
    }
    int hash = w.indexOf('#');
    return hash >= 0 && hash + 1 < w.length() && Character.isDigit(w.charAt(hash + 1));
  }

  /**
   * The index of the {@code .} or {@code )} when the first word is a list marker such as {@code 12.}
   * or {@code 3)} (digits, then the delimiter ending the word), else -1; {@code 0.05} is not one.
   */
  private static int orderedListMarker(String w) {
    int k = 0;
    while (k < w.length() && k < 10 && w.charAt(k) >= '0' && w.charAt(k) <= '9') {
      k++;
    }
    return k > 0 && k == w.length() - 1 && (w.charAt(k) == '.' || w.charAt(k) == ')') ? k : -1;
  }

  /** One-line escaped text of any length. */
  public static String inline(String s) {
    return inline(s, Integer.MAX_VALUE - 64);
  }

  /** A fenced code block holding {@code s} verbatim (cleaned, at most {@code max} characters). */
  public static String fence(String s, int max) {
    String c = SafeText.truncate(s, max);
    int longest = 0;
    int run = 0;
    for (int i = 0; i < c.length(); i++) {
      run = c.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String f = "`".repeat(Math.max(3, longest + 1));
    return f + "text\n" + c + (c.endsWith("\n") ? "" : "\n") + f + "\n";
  }
}
