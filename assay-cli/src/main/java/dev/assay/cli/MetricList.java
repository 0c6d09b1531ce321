package dev.assay.cli;

import dev.assay.core.InputException;
import dev.assay.core.MetricApplicability;
import dev.assay.core.MetricFamily;
import dev.assay.core.Plugins;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code --metrics} option of the score commands: splitting the lists, and telling a user who
 * named a metric of another family which command computes it.
 */
final class MetricList {
  /**
   * A comma-separated piece that continues the previous metric instead of starting one: the
   * cutoffs of {@code P.5,10} (trec_eval's {@code -m} syntax) or a gain of {@code
   * ndcg:gains=0=0,1=1}. Metric names never consist of digits alone nor start with {@code N=}.
   */
  private static final Pattern CONTINUATION = Pattern.compile("[0-9.]+|-?[0-9]+=.*");

  private MetricList() {}

  /**
   * The metric specs of repeated, comma-separated {@code --metrics} values, in order, blanks
   * dropped; commas inside a retrieval family's cutoff list or gain map stay with their metric.
   */
  static List<String> split(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String value : values) {
      List<String> specs = new ArrayList<>();
      for (String piece : value.split(",", -1)) {
        String p = piece.strip();
        if (!specs.isEmpty() && CONTINUATION.matcher(p).matches()) {
          specs.set(specs.size() - 1, specs.get(specs.size() - 1) + "," + p);
        } else if (!p.isEmpty()) {
          specs.add(p);
        }
      }
      out.addAll(specs);
    }
    return out;
  }

  /** The family of {@code spec}'s base name when it is not {@code except}, if any metric provider knows it. */
  static Optional<MetricFamily> familyOf(String spec, MetricFamily except) {
    return MetricApplicability.family(Plugins.installed(), spec).filter(f -> f != except);
  }

  /**
   * The error for a metric that {@code family} does not compute: which command does, or the
   * nearest name of the family ({@link MetricApplicability#notApplicable}).
   */
  static InputException notApplicable(String spec, MetricFamily family, Collection<String> familyNames) {
    return MetricApplicability.notApplicable(Plugins.installed(), spec, family, familyNames);
  }
}
