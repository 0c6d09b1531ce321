package dev.assay.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Plugins;
import dev.assay.core.RunRecord;
import dev.assay.core.Suite;
import dev.assay.core.io.DatasetLoader;
import dev.assay.core.io.SuiteLoader;
import dev.assay.core.text.TerminalText;
import dev.assay.gate.Clusters;
import dev.assay.gate.CompareOptions;
import dev.assay.gate.ComparisonReport;
import dev.assay.gate.Gate;
import dev.assay.gate.GateEvaluator;
import dev.assay.gate.GateLoader;
import dev.assay.gate.GateResult;
import dev.assay.gate.Pairing;
import dev.assay.gate.ScoreSources;
import dev.assay.gate.ScoreTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay compare BASE CAND [--gate G.yaml]}: paired comparison of existing runs or score files. */
@Command(name = "compare", description = "Compare two runs or score files example by example: paired "
    + "differences with confidence intervals and tests; with --gate, a PASS/FAIL/INCONCLUSIVE verdict.")
final class CompareCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Parameters(index = "0", paramLabel = "BASE", description = "Baseline: a run id, a run export (JSON) or a score file (JSONL).")
  String base;

  @Parameters(index = "1", paramLabel = "CAND", description = "Candidate, in the same forms.")
  String cand;

  @Option(names = "--metrics", split = ",", paramLabel = "LIST", description = "Metrics to compare (default: all shared).")
  List<String> metrics = new ArrayList<>();

  @Option(names = "--gate", paramLabel = "G.yaml", description = "Apply this gate and exit 0 (PASS), 1 (FAIL) or 3 (INCONCLUSIVE).")
  String gate;

  @Option(names = "--dataset", paramLabel = "FILE",
      description = "The dataset (JSONL or CSV) whose example tags a no_regressions rule needs, and whose fields "
          + "--cluster reads (default for store runs: the runs' own dataset).")
  String dataset;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Mixin ComparisonOptions stats = new ComparisonOptions();
  @Mixin GateOutput output = new GateOutput();

  CompareCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    CliContext ctx = root.ctx();
    CompareOptions options = stats.build(metrics);
    Gate g = gate == null ? null : GateLoader.fromFile(ctx.resolve(gate));
    Dataset data = dataset == null ? null : loadDataset(ctx.resolve(dataset));
    ScoreTable baseline;
    ScoreTable candidate;
    Path storeFile;
    // The run records of BASE and CAND when they are store runs: their start and dataset hash
    // decide whether a plan preceded them.
    Map<String, RunRecord> runs = new HashMap<>();
    try (StoreSession session = root.openStore()) {
      storeFile = session.file();
      Function<String, Optional<ScoreTable>> store = id -> session.store().run(id).map(r -> {
        runs.put(id, r);
        return ScoreTable.fromResults(id, session.store().results(id));
      });
      baseline = ScoreSources.resolve(base, ctx.resolve(base), store);
      candidate = ScoreSources.resolve(cand, ctx.resolve(cand), store);
    }
    Pairing pairing = Pairing.of(baseline, candidate, options.allowPartial());
    RunRecord baseRun = runs.get(base);
    RunRecord candRun = runs.get(cand);
    String clusterField = stats.cluster != null ? stats.cluster : suiteCluster(baseRun, candRun);
    if (clusterField != null) {
      Dataset examples = data != null ? data : runsDataset(baseRun, candRun, clusterField);
      pairing = pairing.withClusters(Clusters.fromDataset(examples, clusterField));
    }
    ComparisonReport report = ComparisonReport.of(pairing, options);
    GateResult verdict = null;
    if (g != null) {
      RunRecord b = baseRun;
      RunRecord c = candRun;
      String runsData = PlanLookup.sharedDataset(b, c);
      String datasetHash = runsData != null ? runsData : data == null ? null : data.hash();
      verdict = PlanLookup.apply(storeFile, new GateEvaluator(options).evaluate(g, pairing,
          data == null ? null : tags(data), datasetHash), datasetHash, PlanLookup.earliestStart(b, c));
    }
    if (format == OutputFormat.json) {
      ObjectNode json = report.toJson();
      if (verdict != null) {
        json.put("verdict", verdict.verdict().name());
        json.set("gate", output.json(verdict));
      }
      RunViews.printJson(ctx.out(), json);
    } else {
      // Metric names and ids in score files are file content: keep the layout, escape the rest.
      ctx.out().print(TerminalText.escapeKeepingLayout(report.toText()));
      if (verdict != null) {
        ctx.out().println();
        ctx.out().print(TerminalText.escapeKeepingLayout(output.text(verdict)));
      }
    }
    return verdict == null ? ExitCode.OK : output.finish(ctx, verdict);
  }

  /** The {@code cluster:} key of the suite both store runs were made from, or null. */
  static String suiteCluster(RunRecord b, RunRecord c) {
    if (b == null || c == null || b.suite() == null || c.suite() == null) {
      return null;
    }
    JsonNode kb = b.suite().get("cluster");
    JsonNode kc = c.suite().get("cluster");
    if (kb == null || !kb.isTextual()) {
      return null;
    }
    if (kc == null || !kb.equals(kc)) {
      throw InputException.of("the baseline's suite clusters by '" + kb.textValue() + "' but the candidate's suite "
          + (kc == null ? "names no cluster" : "by '" + kc.asText() + "'"), "--cluster FIELD to choose one");
    }
    return kb.textValue();
  }

  /**
   * The dataset both store runs were made from, read again from the file their suite names; refused
   * when the file no longer has the content the runs recorded (its fields may have changed).
   */
  static Dataset runsDataset(RunRecord b, RunRecord c, String field) {
    String hash = PlanLookup.sharedDataset(b, c);
    if (hash == null || b.suite() == null || b.suitePath() == null) {
      throw InputException.of("clustering by '" + field + "' needs the examples' fields, which run exports and "
          + "score files do not hold", "--dataset FILE, the dataset the runs were made from");
    }
    Suite s = new SuiteLoader(Plugins.load()).fromJson(b.suite(), Path.of(b.suitePath()));
    Dataset d = DatasetLoader.load(s.dataset());
    if (!d.hash().equals(hash)) {
      throw new InputException(s.dataset().resolved(), 0, null, "the dataset has changed since the runs were made "
          + "(hash " + d.hash().substring(0, 12) + ", runs " + hash.substring(0, 12) + ")",
          "the dataset the runs were made from, with --dataset FILE");
    }
    return d;
  }

  static Dataset loadDataset(Path file) {
    String format = DatasetLoader.inferFormat(file.toString()).orElseThrow(() -> new InputException(file, 0, null,
        "cannot tell the dataset format from the file name", "a .jsonl, .ndjson or .csv file"));
    return DatasetLoader.load(file, format, null);
  }

  static Function<String, Map<String, String>> tags(Dataset data) {
    Map<String, Map<String, String>> byId = new HashMap<>();
    for (Example e : data.examples()) {
      byId.put(e.id(), e.tags());
    }
    return id -> byId.getOrDefault(id, Map.of());
  }
}
