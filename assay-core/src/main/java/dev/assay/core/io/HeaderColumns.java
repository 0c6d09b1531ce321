package dev.assay.core.io;

import dev.assay.core.DidYouMean;
import dev.assay.core.text.Excerpt;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the column names of a CSV header may appear in error messages.
 *
 * <p>The "header" is the first line of whatever file the suite named, which may be no CSV file at
 * all: read as a header, the first line of a {@code .env} file is {@code OPENAI_API_KEY=sk-...},
 * that of {@code /etc/shadow} a password hash. So the header's text is listed only when every
 * column looks like a column name (at most {@value #MAX_LENGTH} letters, digits, spaces and
 * {@code _ - . ( ) / #}, and nothing {@link Excerpt} would redact); otherwise messages name only
 * the columns that were expected.
 */
final class HeaderColumns {
  private static final int MAX_LENGTH = 40;
  private static final int MAX_LISTED = 50;
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_ .()/#-]{1," + MAX_LENGTH + "}");

  private HeaderColumns() {}

  /** The expectation for a missing column {@code wanted}: a suggestion and the header, if safe to show. */
  static String expected(String wanted, List<String> columns) {
    if (columns.size() <= MAX_LISTED && columns.stream().allMatch(HeaderColumns::nameLike)) {
      return DidYouMean.expected(wanted, columns);
    }
    return "a column named '" + wanted + "'; the first line of the file does not look like a header of column "
        + "names, so it is not shown: is this a CSV file?";
  }

  /** {@code 'name'} when it looks like a column name, else a note that it is not shown. */
  static String quote(String column) {
    return nameLike(column) ? "'" + column + "'" : "(name not shown)";
  }

  private static boolean nameLike(String column) {
    return NAME.matcher(column).matches() && Excerpt.redact(column).equals(column);
  }
}
