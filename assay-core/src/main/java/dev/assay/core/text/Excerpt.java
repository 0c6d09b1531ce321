package dev.assay.core.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quotes untrusted file content in an error message: short, and with anything that looks like a
 * secret replaced by {@value #REDACTED}. A file given by mistake (a {@code .env}, a key file,
 * {@code /etc/shadow}) must not have its contents echoed to a terminal or a CI log.
 *
 * <p>Redacted, in this order: well-known token shapes ({@code sk-...}, {@code ghp_...}, {@code
 * github_pat_...}, {@code xox?-...}, {@code AKIA...}, {@code AIza...}, {@code Bearer ...});
 * everything after the {@code =} or {@code :} of a {@code KEY=VALUE} or {@code KEY: VALUE} shape up
 * to the end of the line (a URL's {@code scheme://} and {@code host:port} are not such shapes);
 * and any run of 20 or more token characters ({@code A-Z a-z 0-9 + / _ = . -}) that holds both a
 * letter and a digit.
 * Over-redacting an excerpt costs little; leaking a key costs a lot. Escaping for the terminal is
 * separate ({@link TerminalText}).
 */
public final class Excerpt {
  /** What replaces a secret-looking value. */
  public static final String REDACTED = "[redacted]";

  /** The longest excerpt, in code points, before it is cut with "...". */
  public static final int MAX_CODE_POINTS = 40;

  private static final Pattern KNOWN_TOKENS = Pattern.compile(
      "\\b(?:(?:sk|pk|rk)-[A-Za-z0-9_-]{6,}|gh[pousr]_[A-Za-z0-9]{6,}|github_pat_[A-Za-z0-9_]{6,}"
          + "|xox[abprs]-[A-Za-z0-9-]{6,}|AKIA[0-9A-Z]{12,}|AIza[0-9A-Za-z_-]{12,})"
          + "|(?i:\\bbearer\\s+)\\S+");
  private static final Pattern KEY_VALUE =
      Pattern.compile("(?<![/@.:])\\b([A-Za-z_][A-Za-z0-9_.-]+)([ \\t]*[=:][ \\t]*)(?!//)([^\\r\\n]+)");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9+/_=.-]{20,}");

  private Excerpt() {}

  /** At most {@link #MAX_CODE_POINTS} code points of {@code text}, redacted; "" for null. */
  public static String of(String text) {
    return truncate(redact(text), MAX_CODE_POINTS);
  }

  /**
   * At most {@code max} code points of {@code text}, cut with "...", not redacted: for values the
   * user needs to see as they are, such as the id of a duplicate example. "" for null.
   */
  public static String cut(String text, int max) {
    return text == null ? "" : truncate(text, max);
  }

  /** {@code text} with every secret-looking value replaced by {@value #REDACTED}; "" for null. */
  public static String redact(String text) {
    if (text == null) {
      return "";
    }
    String s = KNOWN_TOKENS.matcher(text).replaceAll(REDACTED);
    s = KEY_VALUE.matcher(s).replaceAll(m -> m.group(3).equals(REDACTED)
        ? Matcher.quoteReplacement(m.group())
        : Matcher.quoteReplacement(m.group(1) + m.group(2) + REDACTED));
    Matcher m = TOKEN.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(looksRandom(m.group()) ? REDACTED : m.group()));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** A long run with letters and digits mixed, as keys, hashes and passwords are. */
  private static boolean looksRandom(String run) {
    boolean letter = false;
    boolean digit = false;
    for (int i = 0; i < run.length(); i++) {
      char c = run.charAt(i);
      letter |= Character.isLetter(c);
      digit |= Character.isDigit(c);
    }
    return letter && digit;
  }

  private static String truncate(String s, int max) {
    if (s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, max)) + "...";
  }
}
