package dev.assay.cli;

import dev.assay.core.InputException;
import dev.assay.core.Limits;
import dev.assay.core.Plugins;
import dev.assay.core.io.AtomicFiles;
import dev.assay.gate.ComparisonService;
import dev.assay.gate.Gate;
import dev.assay.gate.GateLoader;
import dev.assay.gate.RunEstimate;
import dev.assay.gate.Side;
import dev.assay.report.DatasetView;
import dev.assay.report.HtmlReport;
import dev.assay.report.MarkdownReport;
import dev.assay.report.ReportInput;
import dev.assay.report.RunView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code assay report RUN | BASE CAND}: a self-contained HTML report (or a Markdown summary) of a
 * run or of a comparison of two runs (stored runs or run exports). Exits 0 once the file is written,
 * whatever the verdict: gating is {@code assay compare --gate}'s job, so no verdict is recorded here.
 */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Write a self-contained HTML report (or a Markdown summary) of a run or of a comparison of two "
        + "runs: verdict, metrics with intervals, slices, latency, flipped examples, lineage.")
final class ReportCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Parameters(arity = "1..2", paramLabel = "RUN",
      description = "One run, or BASE and CAND: run ids (or unique prefixes), run exports, or score files "
          + "(assay score ... --format json --per-example, or JSONL) as assay compare reads them.")
  List<String> runIds = new ArrayList<>();

  @Option(names = "--gate", paramLabel = "G.yaml", description = "Apply this gate and show its verdict.")
  String gate;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Where to write (default: report-<run>.html or .md in the working directory).")
  String output;

  /** What {@code report} writes: a self-contained HTML page or a Markdown summary. */
  enum ReportFormat { html, md }

  @Option(names = "--format", defaultValue = "html", paramLabel = "FORMAT",
      description = "${COMPLETION-CANDIDATES}: the HTML report or a Markdown summary (default: ${DEFAULT-VALUE}).")
  ReportFormat format;

  @Option(names = "--max-flips", defaultValue = "200", paramLabel = "N",
      description = "Flipped examples listed in full; the rest are summarised (default: ${DEFAULT-VALUE}).")
  int maxFlips;

  @Option(names = "--metrics", split = ",", paramLabel = "LIST", description = "Metrics to compare (default: all shared).")
  List<String> metrics = new ArrayList<>();

  @Mixin ComparisonOptions stats = new ComparisonOptions();

  ReportCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    CliContext ctx = root.ctx();
    OptionRanges.check("--max-flips", maxFlips, Limits.MAX_FLIPS);
    if (gate != null && runIds.size() == 1) {
      throw InputException.of("--gate needs two runs to compare", "assay report BASE CAND --gate G.yaml");
    }
    Gate g = gate == null ? null : GateLoader.fromFile(ctx.resolve(gate));
    ReportInput input;
    List<String> names = new ArrayList<>();
    try (StoreSession session = root.openStore()) {
      ComparisonService service = session.comparisons();
      List<Path> files = runIds.stream().map(ctx::resolve).toList();
      // BASE and CAND are read in parallel: at 100,000 examples, reading and decoding each run's
      // results is seconds of work.
      List<Side> sides = service.sides(runIds, files);
      for (int i = 0; i < sides.size(); i++) {
        Side side = sides.get(i);
        names.add(side.hasRun() ? side.run().runId() : stem(files.get(i)));
      }
      double confidence = stats.build(metrics).confidence();
      if (sides.size() == 1) {
        Side only = sides.get(0);
        input = ReportInput.single(RunView.of(only), only.hasRun() ? DatasetView.forRun(session.store(), only.run())
            : DatasetView.unavailable("a score file holds no examples"),
            RunEstimate.of(only.scores(), Plugins.installed(), confidence), confidence);
      } else {
        ComparisonService.Request request = new ComparisonService.Request(stats.build(metrics), g, null,
            stats.cluster, false);
        input = ReportInput.of(service.compare(sides.get(0), sides.get(1), request), confidence, maxFlips);
      }
    }
    String text = format == ReportFormat.md ? new MarkdownReport(input).render() : new HtmlReport(input).render();
    Path file = ctx.resolve(output != null ? output : "report-" + String.join("-vs-", names) + "." + format);
    AtomicFiles.write(file, text);
    ctx.err().println("wrote " + file);
    return ExitCode.OK;
  }

  /** A score file's name without folder and extension, for the default report name. */
  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
