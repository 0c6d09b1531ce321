package dev.assay.cli;

import dev.assay.core.DidYouMean;
import dev.assay.core.InputException;
import dev.assay.metrics.classification.ClassificationEvaluation;
import dev.assay.metrics.efficiency.EfficiencyMetric;
import dev.assay.metrics.retrieval.MeasureCatalog;
import dev.assay.metrics.text.TextScorers;
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

  /** The families, in the order their names are looked up when a metric does not apply. */
  enum Family {
    TEXT("a text metric", "assay score text"),
    RETRIEVAL("a retrieval measure", "assay score retrieval"),
    CLASSIFICATION("a classification metric", "assay score classification"),
    EFFICIENCY("an efficiency metric", "a suite: efficiency is measured while a system runs");

    private final String what;
    private final String where;

    Family(String what, String where) {
      this.what = what;
      this.where = where;
    }
  }

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

  /** The family that knows {@code spec}'s base name other than {@code except}, if any. */
  static Optional<Family> familyOf(String spec, Family except) {
    String base = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
    for (Family f : Family.values()) {
      if (f != except && knows(f, base)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * The error for a metric that {@code family} does not compute: which command does, or the
   * nearest name of the family.
   */
  static InputException notApplicable(String spec, Family family, Collection<String> familyNames) {
    String base = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
    Optional<Family> other = familyOf(spec, family);
    if (other.isPresent()) {
      return InputException.of("metric '" + base + "' is " + other.get().what + ", not " + family.what,
          "use " + other.get().where);
    }
    return InputException.of("unknown metric '" + base + "' for " + family.where,
        DidYouMean.expected(base, familyNames));
  }

  private static boolean knows(Family f, String base) {
    try {
      return switch (f) {
        case TEXT -> new TextScorers().metric(base).isPresent();
        case RETRIEVAL -> !MeasureCatalog.resolve(base, 0).isEmpty();
        case CLASSIFICATION -> ClassificationEvaluation.knows(base);
        case EFFICIENCY -> EfficiencyMetric.knows(base);
      };
    } catch (InputException e) {
      return false;
    }
  }
}
