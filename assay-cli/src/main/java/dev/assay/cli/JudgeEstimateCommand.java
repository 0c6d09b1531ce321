package dev.assay.cli;

import dev.assay.core.JudgedRate;
import dev.assay.core.Limits;
import dev.assay.core.RunRecord;
import dev.assay.core.RunRefs;
import dev.assay.core.Store;
import dev.assay.core.io.HumanLabels;
import dev.assay.core.text.TerminalText;
import dev.assay.core.JudgedRate;
import dev.assay.stats.ConfidenceInterval;
import dev.assay.stats.ppi.MeanEstimate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code assay judge estimate RUN --labels human.jsonl [--baseline RUN]}: a judge-scored rate, or
 * the paired difference of two runs, by prediction-powered inference, with the human-only and
 * judge-only estimates beside it.
 */
@Command(name = "estimate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Estimate a judged rate (or a paired difference with --baseline) from a run's judge scores and "
        + "human labels of some of its answers: PPI and PPI++ intervals, with human-only and judge-only beside.")
final class JudgeEstimateCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Parameters(index = "0", paramLabel = "RUN", description = "The run (id or unique prefix) whose rate is estimated.")
  String run;

  @Option(names = "--baseline", paramLabel = "RUN", description = "Estimate RUN minus this run, per example.")
  String baseline;

  @Option(names = "--labels", required = true, paramLabel = "FILE",
      description = "Human labels of some of the run's answers (JSON Lines, as for calibrate).")
  String labels;

  @Option(names = "--metric", paramLabel = "NAME", defaultValue = "judge",
      description = "The judged metric (default: ${DEFAULT-VALUE}).")
  String metric;

  @Option(names = "--confidence", paramLabel = "LEVEL", defaultValue = "0.95",
      description = "Level of the intervals (default: ${DEFAULT-VALUE}).")
  double confidence;

  @Mixin FormatOption format = new FormatOption();

  JudgeEstimateCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    CliContext ctx = root.ctx();
    OptionRanges.check("--confidence", confidence, Limits.CONFIDENCE);
    HumanLabels human = HumanLabels.read(ctx.resolve(labels), labels);
    JudgedRate rate;
    try (StoreSession session = root.openStore()) {
      Store store = session.store();
      RunRecord cand = RunRefs.resolve(store, run);
      RunRecord base = baseline == null ? null : RunRefs.resolve(store, baseline);
      rate = JudgedRate.of(base, base == null ? java.util.List.of() : store.results(base.runId()), cand,
          store.results(cand.runId()), human, metric, confidence);
    }
    if (format.json()) {
      RunViews.printJson(ctx.out(), rate.toJson());
      return ExitCode.OK;
    }
    MeanEstimate first = rate.estimates().get(0);
    ctx.out().println((rate.paired() ? "difference of " : "rate of ") + TerminalText.escape(metric) + ": "
        + first.labelled() + " labelled, " + rate.estimates().get(1).unlabelled() + " judge-only examples, "
        + Math.round(confidence * 100) + "% intervals");
    for (MeanEstimate e : rate.estimates()) {
      ConfidenceInterval ci = e.interval(confidence);
      ctx.out().println(String.format(Locale.ROOT, "  %-11s %8.4f  %s%s", e.method(), e.estimate(),
          ci == null ? "n/a" : String.format(Locale.ROOT, "[%.4f, %.4f]  width %.4f", ci.lower(), ci.upper(),
              ci.width()),
          e.method().equals("ppi++") ? String.format(Locale.ROOT, "  lambda %.3f", e.lambda())
              : e.method().equals("judge_only") ? "  (biased by the judge's errors: for comparison only)" : ""));
    }
    return ExitCode.OK;
  }
}
