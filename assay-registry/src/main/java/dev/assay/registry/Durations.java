package dev.assay.registry;

import dev.assay.core.InputException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spans of time as users write them for windows and ages: {@code 90d}, {@code 2w}, {@code 12h},
 * {@code 30m}; and a window's start given as such a span back from now, a date or an instant.
 */
public final class Durations {
  private static final Pattern SPAN = Pattern.compile("(\\d{1,6})\\s*(m|h|d|w)");
  /** What a span looks like, for messages. */
  public static final String SPAN_TEXT = "a span such as 90d, 2w, 12h or 30m (minutes, hours, days, weeks)";

  private Durations() {}

  /** The span {@code text} means, or null when it is not one (or is zero). */
  public static Duration span(String text) {
    Matcher m = SPAN.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
    return d.isZero() ? null : d;
  }

  /**
   * The start of a window: {@code now} minus a span ({@code 90d}), a date ({@code 2026-01-31},
   * midnight UTC) or an instant ({@code 2026-01-31T12:00:00Z}).
   *
   * @param option names the option in the error
   * @throws InputException when {@code text} is none of these
   */
  public static Instant since(String text, Instant now, String option) {
    Duration span = span(text);
    if (span != null) {
      return now.minus(span);
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notInstant) {
      try {
        return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notDate) {
        throw InputException.of(option + " '" + text + "' is not a span, a date or an instant",
            SPAN_TEXT + ", a date (2026-01-31) or an instant (2026-01-31T12:00:00Z)");
      }
    }
  }

  /** {@code 90d}, {@code 36h}: the largest unit that divides the span, for people and JSON. */
  public static String text(Duration d) {
    long minutes = d.toMinutes();
    if (minutes % (7 * 24 * 60) == 0) {
      return minutes / (7 * 24 * 60) + "w";
    }
    if (minutes % (24 * 60) == 0) {
      return minutes / (24 * 60) + "d";
    }
    if (minutes % 60 == 0) {
      return minutes / 60 + "h";
    }
    return minutes + "m";
  }
}
