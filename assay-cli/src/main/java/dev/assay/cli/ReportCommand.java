package dev.assay.cli;

import dev.assay.core.Dataset;
import dev.assay.core.InputException;
import dev.assay.core.Limits;
import dev.assay.core.Plugins;
import dev.assay.core.RunRecord;
import dev.assay.core.Store;
import dev.assay.gate.AtomicFiles;
import dev.assay.gate.Clusters;
import dev.assay.gate.CompareOptions;
import dev.assay.gate.ComparisonReport;
import dev.assay.gate.Gate;
import dev.assay.gate.GateEvaluator;
import dev.assay.gate.GateLoader;
import dev.assay.gate.GateResult;
import dev.assay.gate.Pairing;
import dev.assay.gate.PlanCheck;
import dev.assay.gate.PlanRegistry;
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
 * {@code assay report RUN_ID | BASE CAND}: a self-contained HTML report (or a Markdown summary) of a
 * run or of a comparison of two stored runs. Exits 0 once the file is written, whatever the
 * verdict: gating is {@code assay compare --gate}'s job.
 */
@Command(name = "report", description = "Write a self-contained HTML report (or a Markdown summary) of a run or "
    + "of a comparison of two runs: verdict, metrics with intervals, slices, latency, flipped examples, lineage.")
final class ReportCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Parameters(arity = "1..2", paramLabel = "RUN", description = "One run id, or BASE and CAND run ids.")
  List<String> runIds = new ArrayList<>();

  @Option(names = "--gate", paramLabel = "G.yaml", description = "Apply this gate and show its verdict.")
  String gate;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Where to write (default: report-<run>.html or .md in the working directory).")
  String output;

  @Option(names = "--format", defaultValue = "html", paramLabel = "FORMAT", description = "html or md (default: ${DEFAULT-VALUE}).")
  String format;

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
    if (!format.equals("html") && !format.equals("md")) {
      throw InputException.of("--format " + format + " is not a report format", "html or md");
    }
    OptionRanges.check("--max-flips", maxFlips, Limits.MAX_FLIPS);
    if (gate != null && runIds.size() == 1) {
      throw InputException.of("--gate needs two runs to compare", "assay report BASE CAND --gate G.yaml");
    }
    CompareOptions options = stats.build(metrics);
    Gate g = gate == null ? null : GateLoader.fromFile(ctx.resolve(gate));
    String text;
    try (StoreSession session = root.openStore()) {
      text = render(session.store(), PlanRegistry.beside(session.file()), runIds, g, options, stats.cluster, maxFlips,
          format);
    }
    Path file = ctx.resolve(output != null ? output : "report-" + String.join("-vs-", runIds) + "." + format);
    AtomicFiles.write(file, text);
    ctx.err().println("wrote " + file);
    return ExitCode.OK;
  }

  /**
   * The report, stating whether the verdict was reached under one of {@code plans}.
   *
   * @param plans the store's plans, or null to leave them unlooked-up
   * @param cluster the cluster field ({@code --cluster}); null: the runs' suite's {@code cluster:} key, if any
   */
  static String render(Store store, PlanRegistry plans, List<String> runIds, Gate g, CompareOptions options,
      String cluster, int maxFlips, String format) {
    Plugins plugins = Plugins.load();
    RunView base = view(store, runIds.get(0));
    RunView cand = runIds.size() > 1 ? view(store, runIds.get(1)) : null;
    DatasetView data = DatasetView.forRun((cand != null ? cand : base).run(), plugins);
    Pairing pairing = null;
    ComparisonReport comparison = null;
    GateResult verdict = null;
    if (cand != null) {
      pairing = Pairing.of(base.scores(), cand.scores(), options.allowPartial());
      String clusterField = cluster != null ? cluster : CompareCommand.suiteCluster(base.run(), cand.run());
      if (clusterField != null) {
        // The report has read the runs' dataset already; runsDataset reads it again only to say
        // why it cannot be used.
        boolean shared = data.dataset() != null
            && data.dataset().hash().equals(PlanLookup.sharedDataset(base.run(), cand.run()));
        Dataset examples = shared ? data.dataset() : CompareCommand.runsDataset(base.run(), cand.run(), clusterField);
        pairing = pairing.withClusters(Clusters.fromDataset(examples, clusterField));
      }
      comparison = ComparisonReport.of(pairing, options);
      if (g != null) {
        verdict = new GateEvaluator(options).evaluate(g, pairing, data.available() ? data::tags : null,
            data.available() ? cand.run().datasetHash() : null);
        if (plans != null) {
          String datasetHash = PlanLookup.sharedDataset(base.run(), cand.run());
          verdict = verdict.withPlan(PlanCheck.judge(plans.all(), g.hash(), datasetHash,
              PlanLookup.earliestStart(base.run(), cand.run())));
        }
      }
    }
    ReportInput input = new ReportInput(base, cand, data, comparison, verdict,
        options.confidence(), maxFlips);
    return format.equals("md") ? new MarkdownReport(input, pairing).render() : new HtmlReport(input, pairing).render();
  }

  private static RunView view(Store store, String id) {
    RunRecord run = store.run(id).orElseThrow(() -> InputException.of("unknown run id '" + id + "'",
        "an id from 'assay runs list'"));
    return new RunView(run, store.results(id));
  }
}
