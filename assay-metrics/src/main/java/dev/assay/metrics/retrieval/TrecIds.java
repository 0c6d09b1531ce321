package dev.assay.metrics.retrieval;

import java.util.Locale;

/**
 * The topic and document ids a TREC qrels or run file can carry, and how to name one it cannot.
 *
 * <p>TREC files are lines of fields separated by whitespace: trec_eval splits on C's {@code
 * isspace} (space, tab, line feed, vertical tab, form feed, carriage return), Python readers split
 * on Unicode whitespace and line breaks, and C stops at a NUL. An id holding any of these is read
 * back as other fields or other lines: the document id {@code "d2\nq999 Q0 INJECTED 1 99.0 evil"}
 * written to a run forges a row for topic q999. So a TREC id is non-empty and holds no whitespace
 * (Java's, Unicode space separators, U+0085) and no control character; a topic id moreover does
 * not start with {@code #}, which makes its run lines comments.
 *
 * <p>Ids read from TREC files are split on the C whitespace and are taken as they are (as
 * trec_eval takes them); ids that come from model outputs, suite references, example ids and the
 * public builders are checked with this class where they enter the retrieval code.
 */
final class TrecIds {
  /** Characters of an id shown in a message, so a huge output cannot flood the terminal. */
  private static final int SHOWN = 120;

  private TrecIds() {}

  /** What keeps {@code id} from being a TREC document id ("contains a line feed"), or null. */
  static String docidProblem(String id) {
    if (id.isEmpty()) {
      return "is empty";
    }
    for (int i = 0; i < id.length(); ) {
      int cp = id.codePointAt(i);
      if (separator(cp)) {
        return "contains " + describe(cp);
      }
      i += Character.charCount(cp);
    }
    return null;
  }

  /** What keeps {@code id} from being a TREC topic id, or null. */
  static String topicProblem(String id) {
    String p = docidProblem(id);
    if (p == null && id.charAt(0) == '#') {
      return "starts with '#' (its run lines would read as comments)";
    }
    return p;
  }

  /** Throws {@link IllegalArgumentException} unless {@code id} is a TREC topic id. */
  static void requireTopic(String id) {
    String p = topicProblem(id);
    if (p != null) {
      throw new IllegalArgumentException("topic id " + quoted(id) + " " + p);
    }
  }

  /** Throws {@link IllegalArgumentException} unless {@code id} is a TREC document id. */
  static void requireDocid(String id) {
    String p = docidProblem(id);
    if (p != null) {
      throw new IllegalArgumentException("document id " + quoted(id) + " " + p);
    }
  }

  /** {@code text} with each run of characters a TREC id cannot hold replaced by {@code with}. */
  static String replaceSeparators(String text, String with) {
    StringBuilder sb = new StringBuilder(text.length());
    boolean inRun = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (separator(cp)) {
        if (!inRun) {
          sb.append(with);
        }
        inRun = true;
      } else {
        sb.appendCodePoint(cp);
        inRun = false;
      }
      i += Character.charCount(cp);
    }
    return sb.toString();
  }

  /** What a message says about ids the format cannot carry. */
  static String expected() {
    return "ids without whitespace or control characters: TREC qrels and runs cannot hold them";
  }

  /**
   * {@code id} in single quotes for a message: backslash, whitespace and control characters
   * escaped ({@code \n}, {@code \t}, {@code \r}, {@code \\}, else {@code \}{@code uXXXX}), long ids
   * cut.
   */
  static String quoted(String id) {
    StringBuilder sb = new StringBuilder(Math.min(id.length(), SHOWN) + 8).append('\'');
    int shown = 0;
    for (int i = 0; i < id.length(); ) {
      if (shown++ == SHOWN) {
        sb.append("… (").append(id.codePointCount(i, id.length())).append(" more characters)");
        break;
      }
      int cp = id.codePointAt(i);
      switch (cp) {
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          boolean invisible = cp != ' ' && separator(cp) || Character.getType(cp) == Character.FORMAT
              || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
          if (invisible) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", cp));
          } else {
            sb.appendCodePoint(cp);
          }
        }
      }
      i += Character.charCount(cp);
    }
    return sb.append('\'').toString();
  }

  private static boolean separator(int cp) {
    // Character.isWhitespace leaves out the no-break spaces, which isSpaceChar covers; U+0085
    // (next line) is a control character, which Python splits lines at.
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp);
  }

  private static String describe(int cp) {
    return switch (cp) {
      case ' ' -> "a space";
      case '\t' -> "a tab";
      case '\n' -> "a line feed";
      case '\r' -> "a carriage return";
      default -> String.format(Locale.ROOT, "the character U+%04X", cp);
    };
  }
}
