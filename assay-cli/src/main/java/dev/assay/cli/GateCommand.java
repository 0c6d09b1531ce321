package dev.assay.cli;

import dev.assay.core.text.Plural;
import dev.assay.core.text.TerminalText;
import dev.assay.gate.GateLoader;
import dev.assay.gate.SuiteGate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code assay gate SUITE.yaml}: runs the baseline and the candidate (reusing cached responses),
 * pairs them, applies the suite's gate (or {@code --gate}), records the verdict and exits with it:
 * the one command CI calls.
 */
@Command(name = "gate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Run a suite's baseline and candidate, compare them and apply its gate: "
        + "exit 0 PASS, 1 FAIL, 3 INCONCLUSIVE, 5 when a run failed.")
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

  @Mixin CacheOption cache = new CacheOption();
  @Mixin FormatOption format = new FormatOption();
  @Mixin ComparisonOptions stats = new ComparisonOptions();
  @Mixin GateOutput output = new GateOutput();
  @Mixin ServerOption server = new ServerOption();

  GateCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws Exception {
    CliContext ctx = root.ctx();
    dev.assay.server.client.RunPush pusher = server.given() ? server.pusher(ctx) : null;
    SuiteGate.Outcome run = run(root, new SuiteGate.Request(ctx.resolve(suite),
        gate == null ? null : GateLoader.fromFile(ctx.resolve(gate)), baseline, candidate, cache.useCache(),
        stats.build(List.of()), stats.cluster));
    if (pusher != null) {
      push(root, pusher, run);
    }
    if (format.json()) {
      RunViews.printJson(ctx.out(), output.json(run.result()));
    } else {
      ctx.out().print(TerminalText.escapeKeepingLayout(output.text(run.result().verdict())));
    }
    return output.finish(ctx, run.result());
  }

  /** Pushes both runs and the recorded verdict to the server ({@code --server}). */
  static void push(AssayCommand root, dev.assay.server.client.RunPush pusher, SuiteGate.Outcome run) {
    CliContext ctx = root.ctx();
    try (StoreSession session = root.openStore()) {
      for (dev.assay.core.RunRecord r : List.of(run.baseline(), run.candidate())) {
        var o = pusher.push(session.store(), r.runId());
        ctx.err().println("pushed run " + r.runId() + ": " + Plural.of(o.sent(), "result") + " sent, " + o.skipped()
            + " already there");
      }
      if (run.result().recorded() != null) {
        pusher.pushVerdict(session.store(), run.result().recorded());
        ctx.err().println("pushed verdict " + run.result().recorded().id());
      }
    }
  }

  /** Runs the gate workflow on the session's store, stopping cleanly on Ctrl-C. */
  static SuiteGate.Outcome run(AssayCommand root, SuiteGate.Request request) throws InterruptedException {
    CliContext ctx = root.ctx();
    try (StoreSession session = root.openStore(); AbortOnSignal abort = AbortOnSignal.install()) {
      SuiteGate.Outcome outcome = new SuiteGate(session.store(), dev.assay.core.Plugins.installed(),
          session.execution(), ctx.clock()).run(request);
      ctx.err().println("baseline " + TerminalText.escape(outcome.baseline().systemName()) + " = run "
          + outcome.baseline().runId() + ", candidate " + TerminalText.escape(outcome.candidate().systemName())
          + " = run " + outcome.candidate().runId());
      abort.done();
      return outcome;
    }
  }
}
