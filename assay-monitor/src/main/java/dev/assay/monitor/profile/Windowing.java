package dev.assay.monitor.profile;

import dev.assay.core.InputException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Splits current data into consecutive windows of a timestamp column: a row belongs to the
 * window {@code [k·width, (k+1)·width)} (from the Unix epoch, UTC) that holds its timestamp.
 *
 * <p>Timestamps: ISO-8601 text with an offset ({@code 2026-05-01T10:00:00Z}), without one (read
 * as UTC; a space may stand for the {@code T}), a date, or a number of seconds since the epoch. A
 * missing or unreadable timestamp is an input error naming the line and column.
 *
 * @param column the timestamp column
 * @param width the window length (at least one second)
 */
public record Windowing(String column, Duration width) {
  public Windowing {
    if (width.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("window shorter than a second: " + width);
    }
  }

  /** The start (epoch milliseconds) of the window holding {@code value}. */
  public long windowOf(Object value, String file, long line) {
    long millis = epochMillis(value, file, line);
    long w = width.toMillis();
    return Math.floorDiv(millis, w) * w;
  }

  long epochMillis(Object value, String file, long line) {
    if (value instanceof Double d && Double.isFinite(d)) {
      return Math.round(d * 1000);
    }
    if (value instanceof String s) {
      String t = s.trim();
      try {
        return OffsetDateTime.parse(t.replace(' ', 'T')).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        // try the forms without an offset
      }
      try {
        return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (DateTimeParseException e) {
        // try a date
      }
      try {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        // fall through to the error
      }
      try {
        return Math.round(Double.parseDouble(t) * 1000);
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    throw new InputException(file, (int) Math.min(line, Integer.MAX_VALUE), column,
        value == null ? "no timestamp" : "not a timestamp",
        "ISO-8601 (2026-05-01T10:00:00Z) or seconds since the epoch");
  }

  /** A window start as ISO-8601. */
  public static String label(long startMillis) {
    return Instant.ofEpochMilli(startMillis).toString();
  }
}
