package dev.assay.report;

/**
 * Markdown for untrusted text, as rendered by GitHub and GitLab: nothing a model wrote can become
 * HTML, a link, an image or table structure.
 *
 * <p>{@link #inline} entity-escapes {@code & < >} (so {@code <script>} shows as text), backslash-
 * escapes every ASCII punctuation character Markdown gives meaning to, and turns line breaks into
 * spaces so the text stays inside one table cell. {@link #fence} puts a block of text in a code
 * fence longer than any run of backticks inside it, where Markdown renders nothing.
 */
public final class MarkdownText {
  private static final String SPECIAL = "\\`*_{}[]()#+-.!|~:";

  private MarkdownText() {}

  /** One-line escaped text, at most {@code max} characters of the original. */
  public static String inline(String s, int max) {
    String c = SafeText.truncate(s, max);
    StringBuilder sb = new StringBuilder(c.length() + 16);
    for (int i = 0; i < c.length(); i++) {
      char ch = c.charAt(i);
      switch (ch) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '\n', '\r', '\t' -> sb.append(' ');
        default -> {
          if (SPECIAL.indexOf(ch) >= 0) {
            sb.append('\\');
          }
          sb.append(ch);
        }
      }
    }
    return sb.toString();
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
