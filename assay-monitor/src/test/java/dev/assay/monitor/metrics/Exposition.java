package dev.assay.monitor.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4 (tests): every line is a
 * comment ({@code # HELP}, {@code # TYPE}) or a sample {@code name{labels} value [timestamp]};
 * anything else fails the parse.
 */
final class Exposition {
  record Sample(String name, Map<String, String> labels, double value) {}

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern SAMPLE = Pattern.compile(
      "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)( -?\\d+)?");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  final List<Sample> samples = new ArrayList<>();
  final Map<String, String> types = new LinkedHashMap<>();

  static Exposition parse(String text) {
    Exposition e = new Exposition();
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ", 4);
        if (parts.length < 4 || !NAME.matcher(parts[2]).matches()) {
          throw new IllegalArgumentException("bad comment line: " + line);
        }
        if (line.startsWith("# TYPE ")) {
          if (!List.of("counter", "gauge", "histogram", "summary", "untyped", "info", "stateset", "unknown")
              .contains(parts[3])) {
            throw new IllegalArgumentException("bad type: " + line);
          }
          e.types.put(parts[2], parts[3]);
        }
        continue;
      }
      if (line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        throw new IllegalArgumentException("bad sample line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        int end = 0;
        while (l.find()) {
          if (l.start() != end) {
            throw new IllegalArgumentException("bad labels: " + line);
          }
          labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
          end = l.end();
        }
        if (end != m.group(3).length()) {
          throw new IllegalArgumentException("bad labels: " + line);
        }
      }
      String v = m.group(4);
      double value = switch (v) {
        case "+Inf" -> Double.POSITIVE_INFINITY;
        case "-Inf" -> Double.NEGATIVE_INFINITY;
        case "NaN" -> Double.NaN;
        default -> Double.parseDouble(v);
      };
      e.samples.add(new Sample(m.group(1), labels, value));
    }
    return e;
  }

  /** The value of the one sample with this name and these labels (a subset match). */
  double value(String name, Map<String, String> labels) {
    List<Sample> found = samples.stream().filter(s -> s.name().equals(name)
        && s.labels().entrySet().containsAll(labels.entrySet())).toList();
    if (found.size() != 1) {
      throw new AssertionError(found.size() + " samples " + name + labels);
    }
    return found.get(0).value();
  }

  boolean has(String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }
}
