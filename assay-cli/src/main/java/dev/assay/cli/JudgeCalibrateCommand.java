package dev.assay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.CalibrationRecord;
import dev.assay.core.Dataset;
import dev.assay.core.Limits;
import dev.assay.core.Plugins;
import dev.assay.core.Suite;
import dev.assay.core.io.DatasetLoader;
import dev.assay.core.io.HumanLabels;
import dev.assay.core.io.SuiteLoader;
import dev.assay.core.text.Plural;
import dev.assay.core.text.TerminalText;
import dev.assay.judge.Agreement;
import dev.assay.judge.JudgeCalibration;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code assay judge calibrate SUITE.yaml --labels human.jsonl}: asks the suite's judge about every
 * labelled answer, prints how it agrees with the humans and stores the calibration, bound to the
 * judge's identity, for gates that require one.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Measure a suite's judge against human labels (accuracy, Cohen's kappa, confusion matrix, "
        + "bias, the raters' own agreement) and store the calibration for gates.")
final class JudgeCalibrateCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Parameters(index = "0", paramLabel = "SUITE.yaml", description = "The suite whose judge metric is calibrated.")
  String suite;

  @Option(names = "--labels", required = true, paramLabel = "FILE",
      description = "Human labels, JSON Lines: {\"id\", \"output\", \"label\", \"rater\"} per line.")
  String labels;

  @Option(names = "--metric", paramLabel = "NAME", description = "The judge metric (default: judge).")
  String metric;

  @Option(names = "--confidence", paramLabel = "LEVEL", defaultValue = "0.95",
      description = "Level of the intervals (default: ${DEFAULT-VALUE}).")
  double confidence;

  @Mixin FormatOption format = new FormatOption();
  @Mixin CacheOption cache = new CacheOption();

  JudgeCalibrateCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws InterruptedException {
    CliContext ctx = root.ctx();
    OptionRanges.check("--confidence", confidence, Limits.CONFIDENCE);
    Suite s = new SuiteLoader(Plugins.installed()).load(ctx.resolve(suite));
    HumanLabels human = HumanLabels.read(ctx.resolve(labels), labels);
    Dataset data = DatasetLoader.load(s.dataset());
    JudgeCalibration.Result result;
    Path storeFile;
    try (StoreSession session = root.openStore()) {
      result = new JudgeCalibration(session.store(), session.cache(), Plugins.installed(), ctx.clock(), ctx.cwd(),
          ctx.env()).calibrate(s, data, human, metric, confidence, cache.useCache());
      storeFile = session.file();
    }
    CalibrationRecord r = result.record();
    if (format.json()) {
      ObjectNode json = r.detail();
      json.put("calibration_id", r.id());
      json.put("metric", r.metric());
      json.put("judge", r.judge());
      json.put("judge_spec", r.judgeSpec());
      json.put("labels", r.labelsSource());
      json.put("labels_sha256", r.labelsHash());
      json.put("store", storeFile.toString());
      RunViews.printJson(ctx.out(), json);
    } else {
      print(ctx.out(), r, result.agreement());
    }
    ctx.err().println("stored calibration " + r.shortId() + " of judge " + r.judge().substring(0, 12) + " in "
        + storeFile);
    return ExitCode.OK;
  }

  private static void print(PrintWriter out, CalibrationRecord r, Agreement a) {
    out.println("calibration " + r.shortId() + " of " + TerminalText.escape(r.metric()) + " (judge "
        + r.judge().substring(0, 12) + ") against " + TerminalText.escape(r.labelsSource()));
    out.println("  answers      " + a.n() + (a.noConsensus() > 0 ? " (+" + a.noConsensus()
        + " without a human majority, left out)" : ""));
    out.println("  accuracy     " + pct(a.accuracy()) + ci(r.detail().path("accuracy_ci"), true));
    JsonNode kappa = r.detail().path("kappa");
    for (String w : new String[] {"none", "linear", "quadratic"}) {
      out.println(String.format(Locale.ROOT, "  kappa %-9s %s%s", w, num(kappa.path(w).path("estimate")),
          ci(kappa.path(w).path("ci"), false)));
    }
    out.println("  confusion (rows: humans, columns: judge)");
    StringBuilder head = new StringBuilder("    ");
    for (double c : a.categories()) {
      head.append(String.format(Locale.ROOT, "%8s", value(c)));
    }
    out.println(head);
    for (int i = 0; i < a.categories().length; i++) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-4s", value(a.categories()[i])));
      for (long n : a.confusion()[i]) {
        row.append(String.format(Locale.ROOT, "%8d", n));
      }
      row.append(String.format(Locale.ROOT, "   precision %s  recall %s", pct(a.precision(i)), pct(a.recall(i))));
      out.println(row);
    }
    out.println(String.format(Locale.ROOT, "  bias         judge %s vs humans %s: %+.4f%s", num(a.judgeMean()),
        num(a.humanMean()), a.bias(), ci(r.detail().path("bias").path("ci"), false)));
    if (!a.raters().isEmpty()) {
      out.println("  humans       " + a.raters().size() + " raters: Fleiss' kappa " + num(a.fleissKappa())
          + ", Krippendorff's alpha " + num(a.alphaNominal()) + " (nominal), " + num(a.alphaInterval())
          + " (interval): the ceiling for the judge");
    }
    if (a.panel() != null) {
      out.println("  panel        " + a.panel().members() + " judges: Fleiss' kappa " + num(a.panel().fleissKappa())
          + ", Krippendorff's alpha " + num(a.panel().alphaNominal()) + " (nominal), "
          + num(a.panel().alphaInterval()) + " (interval) among themselves");
    }
    int failures = r.detail().path("failures").size();
    if (failures > 0) {
      out.println("  failures     " + Plural.of(failures, "answer") + " the judge could not score (left out), e.g. "
          + TerminalText.escape(r.detail().path("failures").get(0).path("message").asText()));
    }
  }

  private static String value(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static String num(JsonNode v) {
    return v.isNumber() ? num(v.doubleValue()) : "n/a";
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "n/a";
  }

  private static String pct(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "n/a";
  }

  private static String ci(JsonNode ci, boolean percent) {
    if (!ci.isArray()) {
      return "";
    }
    double lo = ci.get(0).asDouble();
    double hi = ci.get(1).asDouble();
    return percent ? " [" + pct(lo) + ", " + pct(hi) + "]"
        : String.format(Locale.ROOT, " [%+.4f, %+.4f]", lo, hi);
  }
}
