package dev.assay.cli;

import dev.assay.core.Dataset;
import dev.assay.core.EngineSettings;
import dev.assay.core.Example;
import dev.assay.core.ExampleResult;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Limits;
import dev.assay.core.Output;
import dev.assay.core.PluginContext;
import dev.assay.core.ResponseCache;
import dev.assay.core.RunRecord;
import dev.assay.core.RunRefs;
import dev.assay.core.Store;
import dev.assay.core.io.AtomicFiles;
import dev.assay.core.io.RunInputs;
import dev.assay.core.text.Plural;
import dev.assay.engine.EngineModelCaller;
import dev.assay.judge.PairwisePreference;
import dev.assay.stats.ConfidenceInterval;
import dev.assay.systems.judge.JudgeException;
import dev.assay.systems.judge.PairwiseJudge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code assay judge pairwise BASE CAND --rubric FILE --base-url URL --model M}: a pairwise judge
 * compares two runs' answers example by example, each pair in both orders, and reports the
 * candidate's win rate and the judge's position bias.
 */
@Command(name = "pairwise", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Judge two runs' answers side by side, each pair in both orders: the candidate's win rate with "
        + "an interval, and the judge's position bias (verdicts that flip with the order).")
final class JudgePairwiseCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Parameters(index = "0", paramLabel = "BASE", description = "The baseline run (id or unique prefix).")
  String baseline;

  @Parameters(index = "1", paramLabel = "CAND", description = "The candidate run.")
  String candidate;

  @Option(names = "--rubric", required = true, paramLabel = "FILE",
      description = "Prompt with {{input}}, {{output_a}} and {{output_b}}; the answer ends WINNER: A|B|TIE.")
  String rubric;

  @Option(names = "--base-url", required = true, paramLabel = "URL", description = "OpenAI-compatible endpoint.")
  String baseUrl;

  @Option(names = "--model", required = true, paramLabel = "NAME", description = "The judge's model.")
  String model;

  @Option(names = "--api-key-env", paramLabel = "VAR", description = "Environment variable holding the API key.")
  String apiKeyEnv;

  @Option(names = "--confidence", paramLabel = "LEVEL", defaultValue = "0.95",
      description = "Level of the intervals (default: ${DEFAULT-VALUE}).")
  double confidence;

  @Option(names = "--comparisons", paramLabel = "FILE",
      description = "Also write each example's verdict as a comparison line for 'assay judge rank' "
          + "(a: the baseline's system, b: the candidate's).")
  String comparisons;

  @Mixin FormatOption format = new FormatOption();
  @Mixin CacheOption cache = new CacheOption();

  JudgePairwiseCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws InterruptedException {
    CliContext ctx = root.ctx();
    OptionRanges.check("--confidence", confidence, Limits.CONFIDENCE);
    PairwisePreference preference;
    int failed = 0;
    String firstFailure = null;
    try (StoreSession session = root.openStore()) {
      Store store = session.store();
      RunRecord base = RunRefs.resolve(store, baseline);
      RunRecord cand = RunRefs.resolve(store, candidate);
      Dataset data = RunInputs.dataset(store, cand).require("judging the runs' answers");
      Map<String, String> baseAnswers = answers(store.results(base.runId()));
      Map<String, String> candAnswers = answers(store.results(cand.runId()));
      ResponseCache calls = cache.useCache() ? session.cache() : ResponseCache.NONE;
      EngineSettings engine = cand.engine() != null ? cand.engine()
          : new EngineSettings(8, java.time.Duration.ofSeconds(60), 2, null, 1.0);
      List<PairwisePreference.Judgement> judgements = new ArrayList<>();
      try (EngineModelCaller models = new EngineModelCaller(engine, calls);
          PairwiseJudge judge = PairwiseJudge.create(baseUrl, model, ctx.resolve(rubric), rubric, apiKeyEnv,
              new PluginContext(null, ctx.cwd(), ctx.env(), calls, ctx.clock(), models))) {
        for (Example e : data.examples()) {
          String b = baseAnswers.get(e.id());
          String c = candAnswers.get(e.id());
          if (b == null || c == null) {
            continue;
          }
          try {
            int first = outcome(judge.ask(e, c, b), true);
            int second = outcome(judge.ask(e, b, c), false);
            judgements.add(new PairwisePreference.Judgement(e.id(), first, second));
          } catch (JudgeException x) {
            failed++;
            firstFailure = firstFailure == null ? x.getMessage() : firstFailure;
          }
        }
      }
      if (judgements.isEmpty()) {
        throw InputException.of("no example was judged: the runs share no answered example"
            + (firstFailure == null ? "" : ", or the judge failed (" + firstFailure + ")"),
            "two runs over the same dataset, and a judge that answers WINNER: A|B|TIE");
      }
      preference = PairwisePreference.of(judgements, confidence);
      if (comparisons != null) {
        AtomicFiles.write(ctx.resolve(comparisons), comparisonLines(judgements, base, cand));
      }
    }
    if (format.json()) {
      var json = preference.toJson();
      json.put("failed", failed);
      RunViews.printJson(ctx.out(), json);
    } else {
      ConfidenceInterval ci = preference.winRateInterval();
      ctx.out().println(String.format(Locale.ROOT, "candidate win rate %.4f%s over %s: %s, %s, %s",
          preference.winRate(), ci == null ? "" : String.format(Locale.ROOT, " [%.4f, %.4f]", ci.lower(), ci.upper()),
          Plural.of(preference.n(), "example"), Plural.of(preference.wins(), "win"),
          Plural.of(preference.losses(), "loss", "losses"), Plural.of(preference.ties(), "tie")));
      ctx.out().println(String.format(Locale.ROOT, "position bias: %d of %d verdicts (%.1f%%) changed with the order "
          + "of the answers (counted as ties)", preference.inconsistent(), preference.n(),
          100 * preference.positionBiasRate()));
      if (failed > 0) {
        ctx.out().println(Plural.of(failed, "example") + " the judge could not decide (left out)");
      }
    }
    return ExitCode.OK;
  }

  /**
   * The verdicts as {@link dev.assay.judge.PairwiseComparisons} lines: a is the baseline's system, b
   * the candidate's (named by their run ids' first 8 characters as well when the names are equal);
   * a verdict that flips with the order is a tie, as in the win rate.
   */
  private static String comparisonLines(List<PairwisePreference.Judgement> judgements, RunRecord base,
      RunRecord cand) {
    String a = base.systemName();
    String b = cand.systemName();
    if (a.equals(b)) {
      a = a + "@" + base.runId().substring(0, Math.min(8, base.runId().length()));
      b = b + "@" + cand.runId().substring(0, Math.min(8, cand.runId().length()));
    }
    StringBuilder out = new StringBuilder();
    for (PairwisePreference.Judgement j : judgements) {
      int outcome = j.candidateFirst() == j.candidateSecond() ? j.candidateFirst() : 0;
      out.append(Json.canonical(Json.object().put("id", j.id()).put("a", a).put("b", b)
          .put("winner", outcome > 0 ? "b" : outcome < 0 ? "a" : "tie"))).append('\n');
    }
    return out.toString();
  }

  /** +1 when the judge preferred the candidate, -1 the baseline, 0 a tie. */
  private static int outcome(PairwiseJudge.Preference p, boolean candidateFirst) {
    return switch (p) {
      case TIE -> 0;
      case A -> candidateFirst ? 1 : -1;
      case B -> candidateFirst ? -1 : 1;
    };
  }

  private static Map<String, String> answers(List<ExampleResult> results) {
    Map<String, String> out = new LinkedHashMap<>();
    for (ExampleResult r : results) {
      if (r.repeat() == 0 && r.output() != null) {
        out.put(r.id(), new Output(r.output(), null, null, null, null).text());
      }
    }
    return out;
  }
}
