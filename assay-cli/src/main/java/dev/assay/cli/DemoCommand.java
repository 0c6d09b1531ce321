package dev.assay.cli;

import dev.assay.core.InputException;
import dev.assay.core.text.TerminalText;
import dev.assay.gate.AtomicFiles;
import dev.assay.gate.CompareOptions;
import dev.assay.gate.GateLoader;
import dev.assay.gate.GateReports;
import dev.assay.gate.InconclusivePolicy;
import dev.assay.gate.PlanRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code assay demo}: the retrieval example end to end on the embedded store. BM25 (baseline) and
 * a BM25 + MiniLM hybrid (candidate) answer 134 queries over 310 passages; assay scores both,
 * pairs them, applies the suite's gate and writes the HTML report. Offline: the embedding model
 * ships inside a Maven artifact.
 *
 * <p>Exits 0 whatever the verdict: the demo shows a decision, it does not gate anything ({@code
 * assay gate} does, with exit codes 1 and 3).
 */
@Command(name = "demo", description = "Run the built-in retrieval example end to end: two systems, paired "
    + "comparison, ship gate and HTML report.")
final class DemoCommand implements Callable<Integer> {
  static final String SUITE = "examples/retrieval/suite.yaml";

  private final AssayCommand root;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Where to write the HTML report (default: demo-report.html beside the store).")
  String output;

  @Option(names = "--no-cache", description = "Neither read nor write the response cache.")
  boolean noCache;

  @Mixin ComparisonOptions stats = new ComparisonOptions();

  DemoCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws Exception {
    CliContext ctx = root.ctx();
    Path suite = locate(ctx);
    ctx.err().println("assay demo: " + suite);
    CompareOptions options = stats.build(List.of());
    GateCommand.GateRun run = GateCommand.run(root, suite, null, null, null, !noCache, options);
    RunCommand.print(ctx, List.of(run.baseline(), run.candidate()), OutputFormat.text);
    ctx.out().println();
    ctx.out().print(TerminalText.escapeKeepingLayout(GateReports.text(run.result(), InconclusivePolicy.INCONCLUSIVE)));
    try (StoreSession session = root.openStore()) {
      String html = ReportCommand.render(session.store(), PlanRegistry.beside(session.file()),
          List.of(run.baseline().runId(), run.candidate().runId()), GateLoader.fromSuite(suite).orElse(null), options,
          null, 200, "html");
      Path file = output != null ? ctx.resolve(output) : session.file().resolveSibling("demo-report.html");
      AtomicFiles.write(file, html);
      ctx.out().println();
      ctx.out().println("report: " + file);
    }
    return ExitCode.OK;
  }

  /** The example suite: beside the launcher ({@code assay.home}), else under the working directory. */
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
}
