package dev.assay.monitor.data;

import java.util.regex.Pattern;

/**
 * Which texts are numbers (a CSV cell in a numeric column): after removing leading and trailing
 * characters up to U+0020 (as {@link String#trim}), an optional sign and decimal digits with an
 * optional point and exponent ({@code 12}, {@code -3.5}, {@code .5}, {@code 5.}, {@code 1e-3}), or
 * {@code NaN}, {@code Infinity} with an optional sign. Java's own grammar is wider (hex floats,
 * {@code 1d}, {@code 2f}); DuckDB's cast is wider another way ({@code inf}, {@code nan} in any
 * case), so both readers use this one: the row reader with {@link #parse}, DuckDB with {@link #sql}.
 * Digits parse to the nearest double in both (Java's {@code parseDouble}, DuckDB's correctly
 * rounded cast); a value beyond the double range is not finite in both.
 */
public final class TextNumbers {
  private static final String TOKEN =
      "[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?Infinity|[+-]?NaN";
  private static final Pattern NUMBER = Pattern.compile(TOKEN);
  /** A number without blanks, NaN or Infinity: the common case. */
  private static final String PLAIN = "[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?";

  private TextNumbers() {}

  /** The number in {@code text}, or null when it is not one. */
  public static Double parse(String text) {
    String t = text.trim();
    if (!NUMBER.matcher(t).matches()) {
      return null;
    }
    return Double.parseDouble(t);
  }

  /**
   * SQL: the number in the VARCHAR expression {@code text} as a DOUBLE (NaN and infinities
   * included), NULL when it is not one or is NULL. A plain number (no blanks, no NaN or Infinity)
   * is recognised by an anchored match, cheap enough for every cell, and cast; anything else takes
   * the slow path, which extracts the token between blanks (the same pattern) and casts it (DuckDB's
   * cast takes every spelling of NaN and Infinity the pattern lets through). Extracting for every
   * cell cost about 600 ns a value, five times the match.
   */
  public static String sql(String text) {
    return "(CASE WHEN regexp_full_match(" + text + ", '" + PLAIN + "') THEN TRY_CAST(" + text
        + " AS DOUBLE) ELSE TRY_CAST(regexp_extract(" + text + ", '^[\\x00-\\x20]*(" + TOKEN
        + ")[\\x00-\\x20]*$', 1) AS DOUBLE) END)";
  }
}
