package dev.assay.cli;

import dev.assay.core.Dataset;
import dev.assay.core.DidYouMean;
import dev.assay.core.InputException;
import dev.assay.core.Plugins;
import dev.assay.core.RunRecord;
import dev.assay.core.Suite;
import dev.assay.core.SystemSpec;
import dev.assay.core.io.DatasetLoader;
import dev.assay.core.io.SuiteLoader;
import dev.assay.core.text.TerminalText;
import dev.assay.engine.SuiteExecution;
import dev.assay.gate.Clusters;
import dev.assay.gate.CompareOptions;
import dev.assay.gate.Gate;
import dev.assay.gate.GateEvaluator;
import dev.assay.gate.GateLoader;
import dev.assay.gate.GateResult;
import dev.assay.gate.Pairing;
import dev.assay.gate.ScoreTable;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code assay gate SUITE.yaml}: runs the baseline and the candidate (reusing cached responses),
 * pairs them, applies the suite's gate (or {@code --gate}) and exits with the verdict: the one
 * command CI calls.
 */
@Command(name = "gate", description = "Run a suite's baseline and candidate, compare them and apply its gate: "
    + "exit 0 PASS, 1 FAIL, 3 INCONCLUSIVE.")
final class GateCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Parameters(index = "0", paramLabel = "SUITE.yaml", description = "The suite to run.")
  String suite;

  @Option(names = "--gate", paramLabel = "G.yaml", description = "A gate file instead of the suite's gate section.")
  String gate;

  @Option(names = "--baseline", paramLabel = "NAME", description = "Baseline system (default: the suite's first).")
  String baseline;

  @Option(names = "--candidate", paramLabel = "NAME", description = "Candidate system (default: the suite's second).")
  String candidate;

  @Option(names = "--no-cache", description = "Neither read nor write the response cache.")
  boolean noCache;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Mixin ComparisonOptions stats = new ComparisonOptions();
  @Mixin GateOutput output = new GateOutput();

  GateCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws Exception {
    CliContext ctx = root.ctx();
    GateRun run = run(root, ctx.resolve(suite), gate, baseline, candidate, !noCache, stats.build(List.of()),
        stats.cluster);
    GateResult result = run.result();
    if (format == OutputFormat.json) {
      RunViews.printJson(ctx.out(), output.json(result));
    } else {
      ctx.out().print(TerminalText.escapeKeepingLayout(output.text(result)));
    }
    return output.finish(ctx, result);
  }

  /** What {@code assay gate} did: the baseline and candidate runs, and the verdict. */
  record GateRun(RunRecord baseline, RunRecord candidate, GateResult result) {}

  /**
   * Runs the suite's baseline and candidate, pairs them and applies the gate: the suite's own
   * section, or {@code gateFile} when given. Every input is checked before any system runs.
   */
  static GateRun run(AssayCommand root, Path file, String gateFile, String baseline, String candidate,
      boolean useCache, CompareOptions options) throws InterruptedException {
    return run(root, file, gateFile, baseline, candidate, useCache, options, null);
  }

  /**
   * As {@link #run(AssayCommand, Path, String, String, String, boolean, CompareOptions)}, resampling
   * clusters of {@code cluster} (null: the suite's {@code cluster:} key, if any).
   */
  static GateRun run(AssayCommand root, Path file, String gateFile, String baseline, String candidate,
      boolean useCache, CompareOptions options, String cluster) throws InterruptedException {
    CliContext ctx = root.ctx();
    Plugins plugins = Plugins.load();
    // Everything that can be wrong with the input is checked before any system runs.
    Suite s = new SuiteLoader(plugins).load(file);
    Gate g = loadGate(ctx, file, gateFile);
    List<String> names = s.systems().stream().map(SystemSpec::name).toList();
    String b = pick(s, baseline, 0, "--baseline", names);
    String c = pick(s, candidate, 1, "--candidate", names);
    if (b.equals(c)) {
      throw InputException.of("baseline and candidate are both '" + b + "'", "two different systems of the suite");
    }
    Dataset data = DatasetLoader.load(s.dataset());
    String field = cluster != null ? cluster : s.cluster().orElse(null);
    // A missing cluster field is an input error before any system runs.
    Clusters clusters = field == null ? null : Clusters.fromDataset(data, field);
    try (StoreSession session = root.openStore(); AbortOnSignal abort = AbortOnSignal.install()) {
      SuiteExecution exec = new SuiteExecution(session.store(), session.cache(), plugins, new ProgressListener(ctx),
          ctx.clock(), ctx.cwd());
      List<RunRecord> runs = exec.run(file, List.of(b, c), useCache);
      ScoreTable base = ScoreTable.fromResults(runs.get(0).runId(), session.store().results(runs.get(0).runId()));
      ScoreTable cand = ScoreTable.fromResults(runs.get(1).runId(), session.store().results(runs.get(1).runId()));
      ctx.err().println("baseline " + TerminalText.escape(b) + " = run " + runs.get(0).runId() + ", candidate "
          + TerminalText.escape(c) + " = run " + runs.get(1).runId());
      Pairing pairing = Pairing.of(base, cand, options.allowPartial());
      if (clusters != null) {
        pairing = pairing.withClusters(clusters);
      }
      GateResult result = PlanLookup.apply(session.file(),
          new GateEvaluator(options).evaluate(g, pairing, CompareCommand.tags(data), data.hash()), data.hash(),
          PlanLookup.earliestStart(runs.get(0), runs.get(1)));
      abort.done();
      return new GateRun(runs.get(0), runs.get(1), result);
    }
  }

  /** The gate of {@code gateFile} when given, else the suite's own gate section. */
  static Gate loadGate(CliContext ctx, Path suiteFile, String gateFile) {
    return gateFile != null ? GateLoader.fromFile(ctx.resolve(gateFile)) : GateLoader.fromSuite(suiteFile)
        .orElseThrow(() -> new InputException(suiteFile, 0, "gate", "the suite has no gate section",
            "a gate: section, or --gate G.yaml"));
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
