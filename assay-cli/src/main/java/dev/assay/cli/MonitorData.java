package dev.assay.cli;

import dev.assay.core.InputException;
import dev.assay.monitor.data.RunTable;
import dev.assay.monitor.data.Table;
import dev.assay.monitor.data.Tables;
import dev.assay.monitor.profile.Windowing;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Opens the data argument of the monitor commands: a file, or {@code run:RUN_ID} from the store. */
final class MonitorData {
  static final String DATA_HELP = "A .jsonl, .csv or .parquet file, or run:RUN_ID (a stored run's inputs, outputs, "
      + "scores, latency, tokens, cost, errors).";

  private MonitorData() {}

  static Table open(AssayCommand root, StoreSession[] session, String data, List<String> columns) {
    if (data.startsWith("run:")) {
      if (session[0] == null) {
        session[0] = root.openStore();
      }
      return new RunTable(session[0].store(), data.substring(4));
    }
    return Tables.open(root.ctx().resolve(data), data, columns);
  }

  /** {@code 15m}, {@code 1h}, {@code 1d}, {@code 30s}, or ISO-8601 ({@code PT1H}). */
  static Duration duration(String text, String option) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      Duration d = switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> null;
      };
      if (d != null && !d.isNegative() && !d.isZero() && d.compareTo(Duration.ofDays(3650)) <= 0) {
        return d;
      }
    } catch (RuntimeException e) {
      // reported below
    }
    throw InputException.of(option + " " + text + " is not a duration", "a positive number with s, m, h or d "
        + "(15m, 1h), at most 3650d");
  }

  static Windowing windowing(String window, String timestamp) {
    if (window == null && timestamp == null) {
      return null;
    }
    if (window == null || timestamp == null) {
      throw InputException.of("--window and --timestamp go together", "--window 1h --timestamp COLUMN");
    }
    Duration d = duration(window, "--window");
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      throw InputException.of("--window " + window + " is shorter than a second", "--window 1h");
    }
    return new Windowing(timestamp, d);
  }
}
