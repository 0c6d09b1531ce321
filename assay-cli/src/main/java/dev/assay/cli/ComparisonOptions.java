package dev.assay.cli;

import dev.assay.core.InputException;
import dev.assay.core.Limits;
import dev.assay.core.Plugins;
import dev.assay.gate.CompareOptions;
import dev.assay.gate.IntervalChoice;
import dev.assay.gate.TestChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The statistics options shared by {@code compare}, {@code gate}, {@code report} and {@code demo} (a picocli mixin). */
final class ComparisonOptions {
  @Option(names = "--confidence", paramLabel = "LEVEL",
      description = "Confidence level of intervals (default 0.95; a gate's own level wins).")
  Double confidence;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
      description = "Seed of the bootstrap and permutation tests (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--replicates", defaultValue = "10000", paramLabel = "B",
      description = "Bootstrap replicates and Monte Carlo permutations (default: ${DEFAULT-VALUE}).")
  int replicates;

  @Option(names = "--test", paramLabel = "TEST",
      description = "${COMPLETION-CANDIDATES} (default: mcnemar for 0/1 metrics, else permutation).")
  TestChoice test;

  @Option(names = "--interval", defaultValue = "bca", paramLabel = "METHOD",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  IntervalChoice interval;

  @Option(names = "--allow-partial", description = "Compare even when fewer than 90%% of examples pair by id.")
  boolean allowPartial;

  @Option(names = "--cluster", paramLabel = "FIELD",
      description = "Resample clusters of examples sharing this field's value (e.g. document_id), not examples; "
          + "overrides a suite's cluster: key.")
  String cluster;

  @Option(names = "--lower-is-better", paramLabel = "NAME",
      description = "Treat this metric as lower-is-better (repeatable).")
  List<String> lowerIsBetter = new ArrayList<>();

  CompareOptions build(List<String> metrics) {
    if (confidence != null) {
      OptionRanges.check("--confidence", confidence, Limits.CONFIDENCE);
    }
    OptionRanges.check("--replicates", replicates, Limits.REPLICATES);
    if (cluster != null && cluster.isBlank()) {
      throw InputException.of("--cluster is empty",
          "the example field that groups examples, e.g. --cluster document_id");
    }
    CompareOptions o = CompareOptions.defaults().withSeed(seed).withReplicates(replicates).withTest(test)
        .withInterval(interval).withAllowPartial(allowPartial).withMetrics(metrics)
        .withLowerIsBetter(Set.copyOf(lowerIsBetter));
    return confidence == null ? o : o.withConfidence(confidence);
  }
}
