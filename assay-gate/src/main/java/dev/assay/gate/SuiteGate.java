package dev.assay.gate;

import dev.assay.core.Dataset;
import dev.assay.core.DidYouMean;
import dev.assay.core.InputException;
import dev.assay.core.Plugins;
import dev.assay.core.RunFailedException;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Store;
import dev.assay.core.Suite;
import dev.assay.core.SystemSpec;
import dev.assay.core.io.DatasetLoader;
import dev.assay.core.io.SuiteLoader;
import dev.assay.engine.SuiteExecution;
import java.nio.file.Path;
import java.util.List;

/**
 * The CI entry point as a service: runs a suite's baseline and candidate (reusing cached
 * responses), compares them and applies the suite's gate (or another), recording the verdict.
 *
 * <p>The suite file and its dataset are read once; every input that can be wrong (suite, gate,
 * systems, metrics, the cluster field) is checked before any system runs. A run that fails (more
 * failed results than its {@code max_error_rate}) stops the gate with {@link RunFailedException}:
 * there is no verdict on numbers that are not evidence.
 */
public final class SuiteGate {
  private final Plugins plugins;
  private final SuiteExecution execution;
  private final ComparisonService comparisons;

  public SuiteGate(Store store, Plugins plugins, SuiteExecution execution, java.time.Clock clock) {
    this.plugins = plugins;
    this.execution = execution;
    this.comparisons = new ComparisonService(store, plugins, clock);
  }

  /**
   * What to run and judge.
   *
   * @param suiteFile the suite
   * @param gate a gate instead of the suite's own section, or null
   * @param baseline the baseline system's name, or null for the suite's first
   * @param candidate the candidate system's name, or null for the suite's second
   * @param useCache whether responses are read from and written to the response cache
   * @param options statistics settings
   * @param clusterField resample clusters of this field instead of the suite's {@code cluster:}, or null
   */
  public record Request(Path suiteFile, Gate gate, String baseline, String candidate, boolean useCache,
      CompareOptions options, String clusterField) {}

  /** The two runs and the comparison with its verdict. */
  public record Outcome(RunRecord baseline, RunRecord candidate, ComparisonResult result) {}

  public Outcome run(Request request) throws InterruptedException {
    Suite suite = new SuiteLoader(plugins).load(request.suiteFile());
    Gate gate = request.gate() != null ? request.gate() : GateLoader.fromSuite(suite).orElseThrow(() ->
        new InputException(suite.file(), 0, "gate", "the suite has no gate section", "a gate: section, or --gate G.yaml"));
    List<String> names = suite.systems().stream().map(SystemSpec::name).toList();
    String b = pick(suite, request.baseline(), 0, "--baseline", names);
    String c = pick(suite, request.candidate(), 1, "--candidate", names);
    if (b.equals(c)) {
      throw InputException.of("baseline and candidate are both '" + b + "'", "two different systems of the suite");
    }
    Dataset data = DatasetLoader.load(suite.dataset());
    String field = request.clusterField() != null ? request.clusterField() : suite.cluster();
    if (field != null) {
      // A missing cluster field is an input error before any system runs.
      Clusters.fromDataset(data, field);
    }
    List<RunRecord> runs = execution.run(suite, data, List.of(b, c), request.useCache());
    for (RunRecord r : runs) {
      if (r.status() == RunStatus.FAILED) {
        throw new RunFailedException(r, "run " + r.runId() + " of system '" + r.systemName() + "' failed: "
            + r.failure() + "; the gate gives no verdict");
      }
    }
    ComparisonService.Request compare = new ComparisonService.Request(request.options(), gate, data, field, true);
    ComparisonResult result = comparisons.compare(comparisons.run(runs.get(0).runId()),
        comparisons.run(runs.get(1).runId()), compare);
    return new Outcome(runs.get(0), runs.get(1), result);
  }

  private static String pick(Suite s, String name, int position, String option, List<String> names) {
    if (name != null) {
      if (s.system(name).isEmpty()) {
        throw new InputException(s.file(), 0, option, "no system '" + name + "' in the suite",
            DidYouMean.expected(name, names));
      }
      return name;
    }
    if (names.size() <= position) {
      throw new InputException(s.file(), 0, "systems", "a gate needs two systems, the suite has " + names.size(),
          "a baseline and a candidate system, or --baseline/--candidate");
    }
    return names.get(position);
  }
}
