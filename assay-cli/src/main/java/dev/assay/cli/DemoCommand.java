package dev.assay.cli;

import dev.assay.core.text.TerminalText;
import dev.assay.core.InputException;
import dev.assay.core.io.AtomicFiles;
import dev.assay.gate.InconclusivePolicy;
import dev.assay.gate.SuiteGate;
import dev.assay.report.HtmlReport;
import dev.assay.report.ReportInput;
import dev.assay.report.VerdictRenderers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code assay demo}: the retrieval example end to end on the embedded store. BM25 and a BM25 +
 * MiniLM hybrid answer 134 queries over 310 passages; assay scores both, pairs them, applies the
 * suite's gate, records the verdict and writes the HTML report of that same comparison (one
 * bootstrap). Offline: the embedding model ships inside a Maven artifact.
 *
 * <p>Exits 0 whatever the verdict: the demo shows a decision, it does not gate anything ({@code
 * assay gate} does, with exit codes 1 and 3).
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Run the built-in retrieval example end to end: two systems, paired comparison, ship gate and "
        + "HTML report.")
final class DemoCommand implements Callable<Integer> {
  static final String SUITE = "examples/retrieval/suite.yaml";

  private final AssayCommand root;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Where to write the HTML report (default: demo-report.html beside the store).")
  String output;

  @Mixin CacheOption cache = new CacheOption();
  @Mixin ComparisonOptions stats = new ComparisonOptions();

  DemoCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws Exception {
    CliContext ctx = root.ctx();
    Path suite = locate(ctx);
    ctx.err().println("assay demo: " + suite);
    SuiteGate.Outcome run = GateCommand.run(root, new SuiteGate.Request(suite, null, null, null, cache.useCache(),
        stats.build(List.of()), stats.cluster));
    RunCommand.print(ctx, List.of(run.baseline(), run.candidate()), OutputFormat.text);
    ctx.out().println();
    ctx.out().print(TerminalText.escapeKeepingLayout(
        VerdictRenderers.text(run.result().verdict(), InconclusivePolicy.INCONCLUSIVE)));
    String html = new HtmlReport(ReportInput.of(run.result(), run.result().verdict().gate().confidence(), 200))
        .render();
    Path file;
    try (StoreSession session = root.openStore()) {
      file = output != null ? ctx.resolve(output) : session.file().resolveSibling("demo-report.html");
    }
    AtomicFiles.write(file, html);
    ctx.out().println();
    ctx.out().println("report: " + file);
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
