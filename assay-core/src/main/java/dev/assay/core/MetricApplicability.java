package dev.assay.core;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether metrics apply, decided before any work: one check for suites (every example can be
 * scored by every metric, asked of the metric's provider, {@link ScorerProvider#checkExample}) and
 * one for the score commands (the metric belongs to the command's {@link MetricFamily}). A metric
 * that does not apply is an input error up front, never a run in which every example fails.
 */
public final class MetricApplicability {
  private MetricApplicability() {}

  /**
   * Checks that every metric of a suite can score every example of its dataset. Unknown metric
   * names are left to the suite reader, which reports them first.
   *
   * @param suiteFile names the suite in messages (may be null, e.g. when resuming a run)
   * @throws InputException at the dataset file and the first example a metric cannot score, naming
   *     the metric, its family and the suite
   */
  public static void check(Plugins plugins, List<String> metrics, Dataset dataset, String suiteFile) {
    Set<String> checked = new HashSet<>();
    for (String spec : metrics) {
      Plugins.Resolved r;
      try {
        r = plugins.resolve(spec).orElse(null);
      } catch (InputException e) {
        continue;
      }
      if (r == null) {
        continue;
      }
      MetricFamily family = r.provider().family();
      // A built-in family's metrics read an example alike: one of them is checked.
      if (family != MetricFamily.OTHER && !checked.add(r.provider().getClass().getName() + "/" + family)) {
        continue;
      }
      for (Example e : dataset.examples()) {
        try {
          r.provider().checkExample(r.metric(), e);
        } catch (InputException x) {
          throw new InputException(dataset.source(), e.line() > 0 ? e.line() : x.line(),
              x.field() == null ? "reference" : x.field(), x.getMessage() + ", so metric '" + spec + "' ("
              + family.noun() + (suiteFile == null ? "" : ", in " + suiteFile) + ") cannot score it", x.expected());
        }
      }
    }
  }

  /**
   * The family of the metric named {@code spec} (its base name is enough), or empty when no
   * provider knows it.
   */
  public static Optional<MetricFamily> family(Plugins plugins, String spec) {
    String base = MetricName.baseOf(spec);
    for (ScorerProvider p : plugins.scorerProviders()) {
      try {
        if (p.names().contains(base) || p.metric(base).isPresent()) {
          return Optional.of(p.family());
        }
      } catch (InputException e) {
        // A provider throws only for its own names with a missing or malformed parameter.
        return Optional.of(p.family());
      }
    }
    return Optional.empty();
  }

  /**
   * The error for a metric a score command of {@code command}'s family does not compute: which
   * family it belongs to and where that is computed, or the nearest name of the command's family.
   *
   * @param familyNames the command's metric names, for "did you mean"
   */
  public static InputException notApplicable(Plugins plugins, String spec, MetricFamily command,
      Collection<String> familyNames) {
    String base = MetricName.baseOf(spec);
    Optional<MetricFamily> other = family(plugins, spec).filter(f -> f != command);
    if (other.isPresent()) {
      return InputException.of("metric '" + base + "' is " + other.get().noun() + ", not " + command.noun(),
          "use " + other.get().where());
    }
    return InputException.of("unknown metric '" + base + "' for " + command.where(),
        DidYouMean.expected(base, familyNames));
  }
}
