package dev.assay.cli;

import dev.assay.core.InputException;
import dev.assay.core.Plugins;
import dev.assay.core.text.TerminalText;
import dev.assay.registry.coverage.Behaviours;
import dev.assay.registry.coverage.Coverage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay coverage BEHAVIOURS.yaml (--model NAME | --suite S.yaml...)}: regression coverage (docs/scorecard.md). */
@Command(name = "coverage", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Which behaviours are protected from regressing: covered when a suite (of the model's promotion "
        + "policy, or those given) has at least min_examples of their examples under a non_inferiority or "
        + "no_regressions rule. Prints covered and uncovered behaviours and the weighted share.")
final class CoverageCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Parameters(index = "0", paramLabel = "BEHAVIOURS.yaml", description = "The behaviours that matter.")
  String behaviours;

  @Option(names = "--model", paramLabel = "NAME", description = "The suites of this model's promotion policy.")
  String model;

  @Option(names = "--suite", paramLabel = "SUITE.yaml", description = "A suite to count (repeatable).")
  List<String> suites = new ArrayList<>();

  @Mixin FormatOption format = new FormatOption();

  CoverageCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    CliContext ctx = root.ctx();
    if ((model == null) == suites.isEmpty()) {
      throw InputException.of("give either --model NAME or one or more --suite SUITE.yaml",
          "assay coverage behaviours.yaml --model NAME");
    }
    Behaviours b = Behaviours.read(ctx.resolve(behaviours));
    Coverage.Report report;
    if (model != null) {
      try (StoreSession s = root.openStore()) {
        s.models().requireModel(model);
        report = Coverage.forModel(b, s.audited(), model, Plugins.installed());
      }
    } else {
      List<Coverage.SuiteScope> scopes = new ArrayList<>();
      suites.forEach(x -> scopes.add(Coverage.load(ctx.resolve(x), null, Plugins.installed())));
      report = Coverage.of(b, scopes, null);
    }
    if (format.json()) {
      RunViews.printJson(ctx.out(), report.toJson());
      return ExitCode.OK;
    }
    ctx.out().printf(Locale.ROOT, "regression coverage: %.1f%% (weight %s of %s; at least %d protected examples)%n",
        100 * report.share(), RunViews.number(report.coveredWeight()), RunViews.number(report.totalWeight()),
        b.minExamples());
    if (report.note() != null) {
      ctx.out().println("  " + TerminalText.escape(report.note()));
    }
    for (boolean covered : new boolean[] {true, false}) {
      ctx.out().println(covered ? "covered:" : "uncovered:");
      report.rows().stream().filter(r -> r.covered() == covered).forEach(r -> ctx.out().printf(Locale.ROOT,
          "  %-24s %-9s %d of %d examples protected%s%n", TerminalText.escape(r.behaviour().id()),
          TerminalText.escape(r.behaviour().criticality()), r.protectedExamples(), r.examples(),
          r.suite() == null ? " (no suite shows it)" : " in " + TerminalText.escape(r.suite())
              + (r.rules().isEmpty() ? "" : " by " + TerminalText.escape(String.join(", ", r.rules())))));
    }
    return ExitCode.OK;
  }
}
