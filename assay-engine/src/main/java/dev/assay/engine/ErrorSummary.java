package dev.assay.engine;

import dev.assay.core.ExampleResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A run's failures grouped by cause, so a run where a server was down says so in one line instead
 * of hiding in "error 200".
 *
 * <p>A cause is the error message with what varies between examples taken out: numbers become
 * {@code N} and quoted text {@code '…'}, so "HTTP 503 after 3 attempts" on one example and "HTTP
 * 503 after 2 attempts" on another are one cause. System errors and each metric's failures are
 * separate causes ({@code metric f1: ...}). Each cause keeps its count and the first example id
 * (in dataset order) that showed it.
 *
 * @param total results in the run
 * @param causes most frequent first (ties: first seen first)
 */
public record ErrorSummary(long total, List<Cause> causes) {
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
  private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");

  public ErrorSummary {
    causes = List.copyOf(causes);
  }

  /**
   * One cause of failures.
   *
   * @param what the cause: the normalised message, prefixed with {@code metric NAME: } for a metric's failures
   * @param count results that failed with it
   * @param example the first example (id) that failed with it
   * @param message that example's message as recorded
   */
  public record Cause(String what, long count, String example, String message) {}

  /** Whether nothing failed. */
  public boolean clean() {
    return causes.isEmpty();
  }

  /** Collects causes from results, visited in dataset order. */
  static final class Builder {
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, String[]> firsts = new LinkedHashMap<>();
    private long total;

    void add(ExampleResult r) {
      total++;
      if (!r.ok()) {
        count(normalise(r.error()), r.id(), r.error());
      }
      r.metricErrors().forEach((metric, why) -> count("metric " + metric + ": " + normalise(why), r.id(),
          "metric " + metric + ": " + why));
    }

    private void count(String cause, String id, String message) {
      counts.computeIfAbsent(cause, k -> new long[1])[0]++;
      firsts.putIfAbsent(cause, new String[] {id, message});
    }

    ErrorSummary build() {
      List<Cause> out = new ArrayList<>();
      counts.forEach((k, v) -> out.add(new Cause(k, v[0], firsts.get(k)[0], firsts.get(k)[1])));
      out.sort(Comparator.comparingLong(Cause::count).reversed());
      return new ErrorSummary(total, out);
    }
  }

  static String normalise(String message) {
    String m = message == null ? "(no message)" : message.strip();
    m = QUOTED.matcher(m).replaceAll("'…'");
    m = NUMBER.matcher(m).replaceAll("N");
    return m.length() > 200 ? m.substring(0, 199) + "…" : m;
  }

  /** Lines for people: {@code 41 of 200 (20.5%)  connection refused  (e.g. q001)}, at most {@code max} causes. */
  public List<String> lines(int max) {
    List<String> out = new ArrayList<>();
    for (Cause c : causes.subList(0, Math.min(max, causes.size()))) {
      out.add(String.format(Locale.ROOT, "%d of %d (%.1f%%)  %s  (e.g. %s)", c.count(), total,
          total == 0 ? 0.0 : 100.0 * c.count() / total, c.message(), c.example()));
    }
    if (causes.size() > max) {
      long rest = causes.subList(max, causes.size()).stream().mapToLong(Cause::count).sum();
      out.add(rest + " more in " + (causes.size() - max) + " other causes");
    }
    return out;
  }
}
