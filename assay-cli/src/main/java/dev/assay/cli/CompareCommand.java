package dev.assay.cli;

import dev.assay.core.text.TerminalText;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Dataset;
import dev.assay.core.InputException;
import dev.assay.core.io.DatasetLoader;
import dev.assay.gate.ComparisonResult;
import dev.assay.gate.ComparisonService;
import dev.assay.gate.Gate;
import dev.assay.gate.GateLoader;
import dev.assay.gate.Side;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay compare BASE CAND [--gate G.yaml]}: paired comparison of runs or score files. */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Compare two runs or score files example by example: paired differences with confidence "
        + "intervals and tests; with --gate, a PASS/FAIL/INCONCLUSIVE verdict, recorded in the store.")
final class CompareCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Parameters(index = "0", paramLabel = "BASE",
      description = "Baseline: a run id (or a unique prefix), a run export (JSON) or a score file (JSONL).")
  String base;

  @Parameters(index = "1", paramLabel = "CAND", description = "Candidate, in the same forms.")
  String cand;

  @Option(names = "--metrics", split = ",", paramLabel = "LIST", description = "Metrics to compare (default: all shared).")
  List<String> metrics = new ArrayList<>();

  @Option(names = "--gate", paramLabel = "G.yaml", description = "Apply this gate and exit 0 (PASS), 1 (FAIL) or 3 (INCONCLUSIVE).")
  String gate;

  @Option(names = "--dataset", paramLabel = "FILE",
      description = "The dataset (JSONL or CSV) whose example tags a no_regressions rule needs, and whose fields "
          + "--cluster reads (default for runs: the runs' own dataset, kept in the store).")
  String dataset;

  @Mixin FormatOption format = new FormatOption();
  @Mixin ComparisonOptions stats = new ComparisonOptions();
  @Mixin GateOutput output = new GateOutput();

  CompareCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    CliContext ctx = root.ctx();
    Gate g = gate == null ? null : GateLoader.fromFile(ctx.resolve(gate));
    Dataset data = dataset == null ? null : loadDataset(ctx.resolve(dataset));
    ComparisonResult result;
    try (StoreSession session = root.openStore()) {
      ComparisonService service = session.comparisons();
      ComparisonService.Request request = new ComparisonService.Request(stats.build(metrics), g, data, stats.cluster,
          g != null);
      List<Side> sides = service.sides(List.of(base, cand), List.of(ctx.resolve(base), ctx.resolve(cand)));
      result = service.compare(sides.get(0), sides.get(1), request);
    }
    if (format.json()) {
      ObjectNode json = result.report().toJson();
      if (result.verdict() != null) {
        json.put("verdict", result.verdict().verdict().name());
        json.set("gate", output.json(result));
      }
      RunViews.printJson(ctx.out(), json);
    } else {
      // Metric names and ids in score files are file content: keep the layout, escape the rest.
      ctx.out().print(TerminalText.escapeKeepingLayout(result.report().toText()));
      if (result.verdict() != null) {
        ctx.out().println();
        ctx.out().print(TerminalText.escapeKeepingLayout(output.text(result.verdict())));
      }
    }
    return result.verdict() == null ? ExitCode.OK : output.finish(ctx, result);
  }

  static Dataset loadDataset(Path file) {
    String format = DatasetLoader.inferFormat(file.toString()).orElseThrow(() -> new InputException(file, 0, null,
        "cannot tell the dataset format from the file name", "a .jsonl, .ndjson or .csv file"));
    return DatasetLoader.load(file, format, null);
  }
}
