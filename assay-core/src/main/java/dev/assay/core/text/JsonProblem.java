package dev.assay.core.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says what is wrong with a JSON (or YAML) text in the user's words, from a Jackson exception.
 *
 * <p>Jackson's messages name its own classes and features ({@code StreamReadConstraints}, {@code
 * DeserializationFeature}), carry a redacted source location ({@code [Source: REDACTED; ...]})
 * and quote up to 256 characters of the offending token. Invariant: the text returned here is one
 * line with none of that: no class or feature names, no source location, and a quoted token only
 * as a redacted {@link Excerpt}.
 */
public final class JsonProblem {
  private static final int MAX_LENGTH = 160;

  private static final Pattern UNRECOGNIZED = Pattern.compile("^Unrecognized token '(.*)': was expecting.*$",
      Pattern.DOTALL);
  private static final Pattern UNEXPECTED_CHAR =
      Pattern.compile("^Unexpected character \\((.+?) \\(code (\\d+)\\)\\)(.*)$", Pattern.DOTALL);
  private static final Pattern CONTROL_CHAR =
      Pattern.compile("^Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\).*$", Pattern.DOTALL);
  private static final Pattern LIMIT =
      Pattern.compile("^(Document nesting depth|Number value length|String value length|Name length"
          + "|Document length) \\((\\d+)\\) exceeds the maximum allowed \\((\\d+).*$", Pattern.DOTALL);
  private static final Pattern SOURCE = Pattern.compile("\\s*\\(for [A-Za-z ]+ starting at \\[Source:[^\\]]*\\]\\)");
  private static final Pattern BRACKETED_SOURCE = Pattern.compile("\\s*\\[Source:[^\\]]*\\]");
  private static final Pattern BACKTICKED = Pattern.compile("`[^`]*`");
  private static final Pattern FEATURE_HINT = Pattern.compile("[:;,]?\\s*(?:enable|disable)\\s+\\S*\\s+to allow.*$");
  private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Za-z0-9_$.]+");

  private JsonProblem() {}

  /** {@code invalid JSON[ at column N]: WORDS} for a syntax error of one JSON text. */
  public static String of(JsonProcessingException e) {
    int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
    return "invalid JSON" + (column > 0 ? " at column " + column : "") + ": " + words(e.getOriginalMessage());
  }

  /** The problem a Jackson message describes, in the user's words (see the class invariant). */
  public static String words(String message) {
    if (message == null || message.isBlank()) {
      return "unreadable";
    }
    String m = firstLine(message);
    if (m.startsWith("Unexpected end-of-input")) {
      return "the text ends before the value is complete";
    }
    if (m.startsWith("Duplicate field '") && m.endsWith("'")) {
      return "duplicate key '" + Excerpt.of(m.substring("Duplicate field '".length(), m.length() - 1)) + "'";
    }
    if (m.startsWith("Trailing token")) {
      return "more than one value (text after the end of the first)";
    }
    if (m.contains("Invalid UTF-8") || m.contains("CharConversionException")) {
      return "invalid UTF-8";
    }
    Matcher u = UNRECOGNIZED.matcher(m);
    if (u.matches()) {
      return "unrecognized token '" + Excerpt.of(u.group(1)) + "' (strings need double quotes)";
    }
    Matcher c = CONTROL_CHAR.matcher(m);
    if (c.matches()) {
      return String.format(Locale.ROOT, "control character U+%04X inside a string (write it escaped, e.g. \\u%04X)",
          Integer.parseInt(c.group(1)), Integer.parseInt(c.group(1)));
    }
    Matcher x = UNEXPECTED_CHAR.matcher(m);
    if (x.matches()) {
      int code = Integer.parseInt(x.group(2));
      String shown = code < 0x20 || code == 0x7f ? String.format(Locale.ROOT, "U+%04X", code) : x.group(1);
      return "unexpected character " + shown + clean(x.group(3));
    }
    Matcher l = LIMIT.matcher(m);
    if (l.matches()) {
      String max = l.group(3);
      return switch (l.group(1)) {
        case "Document nesting depth" -> "nested more than " + max + " levels deep";
        case "Number value length" -> "a number longer than " + max + " characters";
        case "String value length" -> "a string longer than " + max + " characters";
        case "Name length" -> "a key longer than " + max + " characters";
        default -> "a document longer than " + max + " characters";
      };
    }
    return clean(m);
  }

  /** The dotted path of the field a data-binding error concerns ({@code examples[3].scores}), or null. */
  public static String field(JsonMappingException e) {
    List<JsonMappingException.Reference> path = e.getPath();
    if (path == null || path.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : path) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  /** Drops source locations, class and feature names; keeps one short line. */
  private static String clean(String message) {
    String m = SOURCE.matcher(message).replaceAll("");
    m = BRACKETED_SOURCE.matcher(m).replaceAll("");
    m = FEATURE_HINT.matcher(m).replaceAll("");
    m = BACKTICKED.matcher(m).replaceAll("a value");
    m = CLASS_NAME.matcher(m).replaceAll("a value");
    m = m.strip();
    // Jackson starts with a capital; the message continues a sentence of ours.
    if (m.length() > 1 && Character.isUpperCase(m.charAt(0)) && Character.isLowerCase(m.charAt(1))) {
      m = Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }
    if (m.length() > MAX_LENGTH) {
      m = m.substring(0, MAX_LENGTH) + "...";
    }
    return m;
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
