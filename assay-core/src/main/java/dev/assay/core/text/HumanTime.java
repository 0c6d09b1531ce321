package dev.assay.core.text;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one way an instant is shown to people (HTML, Markdown, terminal text): to the second, in UTC,
 * e.g. {@code 2026-12-07 18:57:58 UTC}. Stores keep milliseconds and JSON keeps ISO-8601 at full
 * precision for machines; people reading a window, a "computed at" or a table column need neither
 * the nanoseconds {@link Instant#toString()} prints nor a bare {@code T}/{@code Z}.
 */
public final class HumanTime {
  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private HumanTime() {}

  /** {@code at} to the second in UTC; the empty string for null (nothing to show). */
  public static String of(Instant at) {
    return at == null ? "" : SHOWN.format(at);
  }

  /** Like {@link #of} but {@code none} for null, for tables where an empty cell would read as a gap. */
  public static String of(Instant at, String none) {
    return at == null ? none : SHOWN.format(at);
  }
}
