package dev.assay.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.RunRecord;
import dev.assay.core.RunRefs;
import dev.assay.core.RunStatus;
import dev.assay.core.registry.Reproduction;
import dev.assay.core.text.TerminalText;
import dev.assay.engine.SuiteExecution;
import dev.assay.registry.rerun.Verification;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code assay rerun RUN_ID [--verify] [--allow-changed]}: executes a finished run again from its
 * record alone, as a new run; with {@code --verify}, compares the two result by result
 * (docs/registry.md "Reproducibility").
 */
@Command(name = "rerun", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Execute a finished run again from its record alone (stored suite, dataset by hash, system, seed, "
        + "repeats), without the response cache, as a new run. With --verify, compare it with the original: exit 0 "
        + "reproducible (or consistent, for a non-deterministic system), 1 not reproducible.")
final class RerunCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run (id or unique prefix).")
  String runId;

  @Option(names = "--verify", description = "Compare the new run with the original, example by example, and record the outcome.")
  boolean verify;

  @Option(names = "--allow-changed",
      description = "Run even when the content the system depends on (corpus, predictions file, script) changed.")
  boolean allowChanged;

  @Mixin FormatOption format = new FormatOption();

  RerunCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws Exception {
    CliContext ctx = root.ctx();
    try (StoreSession s = root.openStore(); AbortOnSignal abort = AbortOnSignal.install()) {
      String id = RunRefs.resolve(s.store(), runId).runId();
      if (!verify) {
        SuiteExecution.Rerun made = s.execution().rerun(id, allowChanged);
        RunCommand.print(ctx, List.of(made.rerun()), format.format);
        abort.done();
        return made.rerun().status() == RunStatus.FAILED ? ExitCode.RUN_FAILED : ExitCode.OK;
      }
      Verification v = s.reruns().verify(id, allowChanged);
      abort.done();
      if (format.json()) {
        ObjectNode o = v.toJson();
        RunViews.printJson(ctx.out(), o);
      } else {
        print(ctx.out(), v);
      }
      return v.outcome().verified() ? ExitCode.OK : ExitCode.GATE_FAIL;
    }
  }

  static void print(PrintWriter out, Verification v) {
    RunRecord o = v.original();
    out.printf(Locale.ROOT, "rerun of %s (%s) as %s: %s%n", o.runId(), TerminalText.escape(o.systemName()),
        v.rerun().runId(), v.outcome() == Reproduction.Outcome.NOT_REPRODUCIBLE ? "NOT REPRODUCIBLE"
            : v.outcome().wire().toUpperCase(Locale.ROOT));
    out.println("  " + TerminalText.escape(v.reason()));
    if (v.contentChanged()) {
      out.println("  the system's content changed since the original (--allow-changed)");
    }
    for (Verification.MetricDifference m : v.metrics()) {
      out.printf(Locale.ROOT, "  %-24s original %s  rerun %s  difference %s%s%n", TerminalText.escape(m.metric()),
          RunViews.number(m.original()), RunViews.number(m.rerun()), RunViews.number(m.difference()),
          m.ci() == null ? "" : String.format(Locale.ROOT, "  %.0f%% interval [%s, %s] %s", 100 * m.ci().confidence(),
              RunViews.number(m.ci().lower()), RunViews.number(m.ci().upper()),
              Boolean.TRUE.equals(m.withinSamplingError()) ? "within sampling error" : "BEYOND sampling error"));
    }
    if (!v.measurements().isEmpty()) {
      out.println("  not compared (measurements of time): " + TerminalText.escape(String.join(", ", v.measurements())));
    }
    if (v.differing() > 0) {
      out.printf(Locale.ROOT, "  %d of %d results differ%s:%n", v.differing(), v.compared(),
          v.differing() > v.differences().size() ? " (first " + v.differences().size() + " listed)" : "");
      for (Verification.ExampleDifference d : v.differences()) {
        out.printf(Locale.ROOT, "    %s%s: %s%n", TerminalText.escape(d.id()), d.repeat() > 0 ? " #" + d.repeat() : "",
            TerminalText.escape(String.join("; ", d.changes())));
      }
    }
    out.println("  recorded as reproduction " + v.reproductionId());
  }
}
