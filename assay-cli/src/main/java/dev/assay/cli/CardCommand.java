package dev.assay.cli;

import dev.assay.core.InputException;
import dev.assay.core.Limits;
import dev.assay.core.Plugins;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Store;
import dev.assay.gate.AtomicFiles;
import dev.assay.report.CardDocument;
import dev.assay.report.CardSpec;
import dev.assay.report.DatasetView;
import dev.assay.report.ModelCard;
import dev.assay.report.RunView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code assay card SYSTEM [--card CARD.yaml] [--output DIR]}: writes {@code card-<system>.md} and
 * {@code card-<system>.html} from the system's completed runs in the store.
 */
@Command(name = "card", description = "Write a model card (Markdown and HTML) for a system from its runs and the "
    + "card YAML you write (intended use, out-of-scope use, caveats).")
final class CardCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Parameters(index = "0", paramLabel = "SYSTEM", description = "The system name, as in the suite.")
  String system;

  @Option(names = "--card", paramLabel = "CARD.yaml", description = "What you write about the model (see docs/reports.md).")
  String card;

  @Option(names = "--output", paramLabel = "DIR", description = "Folder to write to (default: the working directory).")
  String output;

  @Option(names = "--confidence", defaultValue = "0.95", paramLabel = "LEVEL",
      description = "Confidence level of the intervals (default: ${DEFAULT-VALUE}).")
  double confidence;

  CardCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    CliContext ctx = root.ctx();
    OptionRanges.check("--confidence", confidence, Limits.CONFIDENCE);
    if (!system.matches("[A-Za-z0-9._-]+")) {
      // The name becomes part of a file name; a system name with a path separator must not escape DIR.
      throw InputException.of("system name '" + system + "' cannot be used in a file name",
          "letters, digits, '.', '_' or '-'");
    }
    CardSpec spec = card == null ? CardSpec.empty() : CardSpec.read(ctx.resolve(card));
    Plugins plugins = Plugins.load();
    CardDocument doc;
    try (StoreSession session = root.openStore()) {
      Store store = session.store();
      List<ModelCard.EvaluatedRun> runs = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (RunRecord r : store.runs()) {
        names.add(r.systemName());
        if (r.systemName().equals(system) && r.status() == RunStatus.COMPLETED) {
          runs.add(new ModelCard.EvaluatedRun(new RunView(r, store.results(r.runId())), DatasetView.forRun(r, plugins)));
        }
      }
      if (runs.isEmpty()) {
        throw InputException.of("no completed run of system '" + system + "' in the store",
            dev.assay.core.DidYouMean.expected(system, new java.util.TreeSet<>(names)));
      }
      doc = ModelCard.build(system, runs, spec, confidence);
    }
    Path dir = ctx.resolve(output == null ? "." : output);
    Path md = dir.resolve("card-" + system + ".md");
    Path html = dir.resolve("card-" + system + ".html");
    AtomicFiles.write(md, doc.markdown());
    AtomicFiles.write(html, doc.html());
    ctx.err().println("wrote " + md);
    ctx.err().println("wrote " + html);
    return ExitCode.OK;
  }
}
