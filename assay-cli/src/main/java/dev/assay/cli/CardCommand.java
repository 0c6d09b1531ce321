package dev.assay.cli;

import dev.assay.core.DidYouMean;
import dev.assay.core.InputException;
import dev.assay.core.Limits;
import dev.assay.core.Plugins;
import dev.assay.core.RunRecord;
import dev.assay.core.RunRefs;
import dev.assay.core.RunStatus;
import dev.assay.core.Store;
import dev.assay.core.VerdictRecord;
import dev.assay.core.io.AtomicFiles;
import dev.assay.core.text.TerminalText;
import dev.assay.gate.RunEstimate;
import dev.assay.report.CardDocument;
import dev.assay.report.CardSpec;
import dev.assay.report.DatasetView;
import dev.assay.report.ModelCard;
import dev.assay.report.RunView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code assay card SYSTEM [--suite S | --run ID]... [--card CARD.yaml] [--output DIR]}: writes
 * {@code card-<system>.md} and {@code card-<system>.html} from the system's completed runs in the
 * store and the verdicts that involve it. {@code assay card --model NAME@VERSION} writes the card of
 * a registered version instead ({@code card-<model>-v<N>.*}): its runs are the runs of its spec and
 * content, and the card shows its registry record and the model's aliases.
 */
@Command(name = "card", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Write a model card (Markdown and HTML) for a system from its runs, its recorded gate verdicts and "
        + "the card YAML you write (intended use, out-of-scope use, caveats).")
final class CardCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SYSTEM", description = "The system name, as in the suite.")
  String system;

  @Option(names = "--model", paramLabel = "NAME@VERSION",
      description = "A registered model version instead of a system: NAME@2, or NAME@ALIAS (e.g. NAME@champion).")
  String model;

  @Option(names = "--card", paramLabel = "CARD.yaml", description = "What you write about the model (see docs/reports.md).")
  String card;

  @Option(names = "--suite", paramLabel = "NAME",
      description = "Only runs of this suite (default: for SYSTEM, the suite of its newest completed run; for "
          + "--model, every suite).")
  String suite;

  @Option(names = "--run", paramLabel = "RUN_ID", description = "Only these runs (repeatable; ids or unique prefixes).")
  List<String> runs = new ArrayList<>();

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
    if ((system == null) == (model == null)) {
      throw InputException.of("give either a SYSTEM or --model NAME@VERSION", "assay card SYSTEM | assay card --model "
          + "NAME@VERSION");
    }
    if (model != null) {
      return modelCard(ctx);
    }
    if (!system.matches("[A-Za-z0-9._-]+")) {
      // The name becomes part of a file name; a system name with a path separator must not escape DIR.
      throw InputException.of("system name '" + system + "' cannot be used in a file name",
          "letters, digits, '.', '_' or '-'");
    }
    CardSpec spec = card == null ? CardSpec.empty() : CardSpec.read(ctx.resolve(card));
    CardDocument doc;
    try (StoreSession session = root.openStore()) {
      Store store = session.store();
      List<ModelCard.EvaluatedRun> evaluated = new ArrayList<>();
      for (RunRecord r : selected(store)) {
        RunView view = new RunView(r, store.results(r.runId()));
        evaluated.add(new ModelCard.EvaluatedRun(view, DatasetView.forRun(store, r),
            RunEstimate.of(view.scores(), Plugins.installed(), confidence)));
      }
      List<VerdictRecord> verdicts = store.verdicts(new VerdictRecord.Query(chosenSuite, system, 0));
      doc = ModelCard.build(system, evaluated, verdicts, spec, confidence);
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

  /** The card of a registered version: its runs are those of its spec and content. */
  private int modelCard(CliContext ctx) {
    int at = model.lastIndexOf('@');
    if (at <= 0 || at == model.length() - 1) {
      throw InputException.of("--model '" + model + "' names no version", "NAME@VERSION or NAME@ALIAS, e.g. m@2");
    }
    String name = model.substring(0, at);
    CardSpec spec = card == null ? CardSpec.empty() : CardSpec.read(ctx.resolve(card));
    CardDocument doc;
    dev.assay.core.registry.ModelVersion version;
    try (StoreSession session = root.openStore()) {
      version = session.models().resolve(name, model.substring(at + 1));
      Store store = session.store();
      List<RunRecord> chosen = new ArrayList<>();
      if (!runs.isEmpty()) {
        for (String ref : runs) {
          RunRecord r = RunRefs.resolve(store, ref);
          if (!version.evaluatedBy(r)) {
            throw InputException.of("run " + r.runId() + " is not a run of " + version.label(),
                "runs of the version's system (assay models show " + name + ")");
          }
          chosen.add(r);
        }
      } else {
        store.runs().stream().filter(r -> r.status() == RunStatus.COMPLETED && version.evaluatedBy(r)
            && (suite == null || suite.equals(r.suiteName()))).forEach(chosen::add);
      }
      if (chosen.isEmpty()) {
        throw InputException.of("no completed run of " + version.label() + (suite == null ? "" : " in suite '"
            + suite + "'") + " in the store", "assay gate SUITE.yaml or assay run SUITE.yaml with its system");
      }
      List<ModelCard.EvaluatedRun> evaluated = new ArrayList<>();
      java.util.Set<String> ids = new java.util.HashSet<>();
      for (RunRecord r : chosen) {
        ids.add(r.runId());
        RunView view = new RunView(r, store.results(r.runId()));
        evaluated.add(new ModelCard.EvaluatedRun(view, DatasetView.forRun(store, r),
            RunEstimate.of(view.scores(), Plugins.installed(), confidence)));
      }
      List<VerdictRecord> verdicts = store.verdicts(VerdictRecord.Query.ALL).stream()
          .filter(v -> ids.contains(v.candidateRun()) || ids.contains(v.baselineRun())).toList();
      doc = ModelCard.build(version, session.audited().aliases(name), evaluated, verdicts, spec, confidence);
    }
    Path dir = ctx.resolve(output == null ? "." : output);
    String base = "card-" + version.model() + "-v" + version.number();
    AtomicFiles.write(dir.resolve(base + ".md"), doc.markdown());
    AtomicFiles.write(dir.resolve(base + ".html"), doc.html());
    ctx.err().println("wrote " + dir.resolve(base + ".md"));
    ctx.err().println("wrote " + dir.resolve(base + ".html"));
    return ExitCode.OK;
  }

  /** The suite whose runs and verdicts the card shows: --suite, or the one chosen by {@link #selected}. */
  private String chosenSuite;

  /**
   * The runs of the card, newest first: the --run runs; else the system's completed runs of one
   * suite, --suite or the newest run's. A card mixing suites would put unlike numbers side by side,
   * so other suites are left out, and stderr says which.
   */
  private List<RunRecord> selected(Store store) {
    List<RunRecord> out = new ArrayList<>();
    chosenSuite = suite;
    if (!runs.isEmpty()) {
      for (String ref : runs) {
        RunRecord r = RunRefs.resolve(store, ref);
        if (!r.systemName().equals(system)) {
          throw InputException.of("run " + r.runId() + " is of system '" + r.systemName() + "', not '" + system + "'",
              "runs of " + system);
        }
        if (suite != null && !suite.equals(r.suiteName())) {
          throw InputException.of("run " + r.runId() + " is of suite '" + r.suiteName() + "', not '" + suite + "'",
              "runs of suite " + suite + ", or no --suite");
        }
        out.add(r);
      }
      return out;
    }
    TreeSet<String> systems = new TreeSet<>();
    TreeSet<String> suites = new TreeSet<>();
    for (RunRecord r : store.runs()) {
      systems.add(r.systemName());
      if (r.systemName().equals(system) && r.status() == RunStatus.COMPLETED) {
        suites.add(r.suiteName());
        if (chosenSuite == null) {
          chosenSuite = r.suiteName(); // runs() is newest first
        }
        if (chosenSuite.equals(r.suiteName())) {
          out.add(r);
        }
      }
    }
    if (out.isEmpty()) {
      throw InputException.of("no completed run of system '" + system + "'" + (suite == null ? "" : " in suite '"
          + suite + "'") + " in the store", suite == null || suites.isEmpty() ? DidYouMean.expected(system, systems)
          : "suites with runs of " + system + ": " + String.join(", ", suites));
    }
    suites.remove(chosenSuite);
    if (suite == null && !suites.isEmpty()) {
      root.ctx().err().println("card of " + TerminalText.escape(system) + " from suite "
          + TerminalText.escape(chosenSuite) + " (its newest run); runs of " + TerminalText.escape(
              String.join(", ", suites)) + " left out (choose with --suite NAME)");
    }
    return out;
  }
}
