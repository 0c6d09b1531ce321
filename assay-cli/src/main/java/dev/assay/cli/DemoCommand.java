package dev.assay.cli;

import dev.assay.core.InputException;
import dev.assay.core.Plugins;
import dev.assay.core.RunRecord;
import dev.assay.engine.SuiteExecution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code assay demo}: runs the example suite shipped in {@code examples/demo} end to end on the
 * embedded store and prints what each system scored.
 */
@Command(name = "demo", description = "Run the built-in example suite end to end and print the summary.")
final class DemoCommand implements Callable<Integer> {
  static final String SUITE = "examples/demo/suite.yaml";

  private final AssayCommand root;

  @Option(names = "--format", defaultValue = "text", description = "text or json.")
  OutputFormat format;

  DemoCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws Exception {
    CliContext ctx = root.ctx();
    Path suite = locate(ctx);
    try (StoreSession session = root.openStore(); AbortOnSignal abort = AbortOnSignal.install()) {
      ctx.err().println("assay demo: running " + suite + " (store " + session.file() + ")");
      SuiteExecution exec = new SuiteExecution(session.store(), session.cache(), Plugins.load(),
          new ProgressListener(ctx), ctx.clock(), ctx.cwd());
      List<RunRecord> runs = exec.run(suite, List.of(), true);
      RunCommand.print(ctx, runs, format);
      if (format == OutputFormat.text && runs.size() == 2) {
        printSideBySide(ctx, runs.get(0), runs.get(1));
      }
      abort.done();
    }
    return ExitCode.OK;
  }

  /** The examples folder: beside the launcher ({@code assay.home}), else under the working directory. */
  static Path locate(CliContext ctx) {
    String home = System.getProperty("assay.home");
    for (Path base : home == null ? List.of(ctx.cwd()) : List.of(Path.of(home), ctx.cwd())) {
      Path p = base.resolve(SUITE);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw InputException.of("the demo suite " + SUITE + " was not found", "run ./assay demo from the assay checkout");
  }

  private static void printSideBySide(CliContext ctx, RunRecord base, RunRecord cand) {
    ctx.out().println();
    ctx.out().printf(Locale.ROOT, "%-14s  %10s  %10s  %10s%n", "metric", base.systemName(), cand.systemName(), "diff");
    base.aggregates().forEach((k, b) -> {
      Double c = cand.aggregates().get(k);
      String diff = b == null || c == null || b.isNaN() || c.isNaN() ? "n/a"
          : String.format(Locale.ROOT, "%+.4f", c - b);
      ctx.out().printf(Locale.ROOT, "%-14s  %10s  %10s  %10s%n", k, RunViews.number(b), RunViews.number(c), diff);
    });
    ctx.out().println();
    ctx.out().println("These are point estimates. Paired confidence intervals and a PASS / FAIL / INCONCLUSIVE gate");
    ctx.out().println("come with 'assay compare' and 'assay gate'.");
  }
}
