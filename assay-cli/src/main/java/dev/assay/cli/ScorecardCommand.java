package dev.assay.cli;

import dev.assay.core.io.AtomicFiles;
import dev.assay.core.text.TerminalText;
import dev.assay.registry.Durations;
import dev.assay.registry.coverage.Behaviours;
import dev.assay.registry.scorecard.Scorecard;
import dev.assay.registry.scorecard.ScorecardService;
import dev.assay.report.ScorecardReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay scorecard [--since 90d] [--model NAME] [--format text|json|md|html]} (docs/scorecard.md). */
@Command(name = "scorecard", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "The research KPI scorecard from the store: offline lift, champion latency and cost, "
        + "hallucination and safety rates, regression coverage, reproducibility compliance, experiment throughput, "
        + "time to first signal, promotions and overrides; every figure with its definition and source ids.")
final class ScorecardCommand implements Callable<Integer> {

  private final AssayCommand root;

  @Option(names = "--since", defaultValue = "90d", paramLabel = "WHEN",
      description = "The window's start: a span back from now (90d, 2w), a date or an instant (default: ${DEFAULT-VALUE}).")
  String since;

  @Option(names = "--model", paramLabel = "NAME", description = "Only this model (default: every model).")
  String model;

  @Option(names = "--behaviours", paramLabel = "FILE",
      description = "Behaviours for regression coverage (default: behaviours.yaml in the working directory, if any).")
  String behaviours;

  /** Output formats: an enum, so that help lists them and a typo is a usage error naming them. */
  enum ScorecardFormat { text, json, md, html }

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  ScorecardFormat format;

  @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE (whole or not at all) instead of stdout.")
  String output;

  ScorecardCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    CliContext ctx = root.ctx();
    Path behavioursFile = behaviours != null ? ctx.resolve(behaviours) : ctx.resolve("behaviours.yaml");
    Behaviours b = behaviours != null || Files.isRegularFile(behavioursFile) ? Behaviours.read(behavioursFile) : null;
    Scorecard card;
    try (StoreSession s = root.openStore()) {
      card = s.scorecard().compute(new ScorecardService.Request(
          Durations.since(since, ctx.clock().instant(), "--since"), model, b));
    }
    ScorecardReport report = new ScorecardReport(card);
    String text = switch (format) {
      case json -> card.toJson().toPrettyString() + "\n";
      case md -> report.markdown();
      case html -> report.html();
      case text -> report.text();
    };
    if (output != null) {
      Path file = ctx.resolve(output);
      AtomicFiles.write(file, text);
      ctx.err().println("wrote " + file);
    } else if (format == ScorecardFormat.text) {
      ctx.out().print(TerminalText.escapeKeepingLayout(text));
    } else {
      ctx.out().print(text);
    }
    return ExitCode.OK;
  }
}
