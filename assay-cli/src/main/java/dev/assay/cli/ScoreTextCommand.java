package dev.assay.cli;

import dev.assay.core.InputException;
import dev.assay.core.MetricFamily;
import dev.assay.core.OrderedParallel;
import dev.assay.core.Metric;
import dev.assay.core.PluginContext;
import dev.assay.core.Score;
import dev.assay.core.Scorer;
import dev.assay.metrics.text.TextScorers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code assay score text --predictions P --references R --metrics LIST}: the text-generation
 * family ({@link TextScorers}) over a predictions file joined by id with a references file (see
 * {@link TextPairs} for the join rules).
 *
 * <p>Per example every metric reports its sentence value; the aggregate is the mean, except for
 * corpus metrics (BLEU, chrF) whose aggregate is the corpus value from the summed statistics, as
 * sacreBLEU's corpus score.
 */
@Command(name = "text", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Score generated text against references (exact_match, f1, bleu, chrf, rougeL, ...).")
final class ScoreTextCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Option(names = "--predictions", required = true, paramLabel = "P", description = "JSONL {id, output}.")
  String predictions;

  @Option(names = "--references", required = true, paramLabel = "R",
      description = "Dataset JSONL {id, reference}: a string or a list of strings.")
  String references;

  @Option(names = "--metrics", required = true, paramLabel = "LIST",
      description = "Metrics, comma-separated or repeated, with parameters as NAME:key=value.")
  List<String> metrics = new ArrayList<>();

  @Option(names = "--per-example", description = "Also report each example's values.")
  boolean perExample;

  @Option(names = "--allow-partial",
      description = "Score the ids present in both files instead of failing on unmatched ids.")
  boolean allowPartial;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
      description = "How results are printed on stdout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  ScoreTextCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    CliContext ctx = root.ctx();
    List<Scorer> scorers = scorers(MetricList.split(metrics));
    Path referencesFile = ctx.resolve(references);
    List<TextPairs.Pair> pairs = TextPairs.join(ctx.resolve(predictions), referencesFile, allowPartial, ctx.err());
    // Scorers are stateless: score the pairs on all cores, in file order (and the first bad line first).
    List<Map<String, Score>> scored = OrderedParallel.map(pairs.size(), p -> {
      Map<String, Score> each = new LinkedHashMap<>();
      for (Scorer scorer : scorers) {
        each.putAll(score(scorer, pairs.get(p), referencesFile));
      }
      return each;
    });
    Map<String, Map<String, Double>> perItem = new LinkedHashMap<>();
    Map<String, List<Score>> byMetric = new LinkedHashMap<>();
    for (int p = 0; p < pairs.size(); p++) {
      Map<String, Double> shown = new LinkedHashMap<>();
      scored.get(p).forEach((name, score) -> {
        byMetric.computeIfAbsent(name, k -> new ArrayList<>()).add(score);
        shown.put(name, score.value());
      });
      perItem.put(pairs.get(p).example().id(), shown);
    }
    // Each metric aggregates as the engine does: a corpus value for BLEU and chrF, else the mean.
    Map<String, Double> aggregate = new LinkedHashMap<>();
    for (Scorer s : scorers) {
      for (Metric m : s.metrics()) {
        aggregate.put(m.name(), m.value(byMetric.getOrDefault(m.name(), List.of())));
      }
    }
    new ScoreReport(aggregate, pairs.size(), ScoreReport.PER_EXAMPLE, perExample ? perItem : null)
        .print(ctx.out(), format);
    return ExitCode.OK;
  }

  private static List<Scorer> scorers(List<String> specs) {
    if (specs.isEmpty()) {
      throw InputException.of("no text metric requested", "--metrics, e.g. exact_match,f1,bleu");
    }
    TextScorers family = new TextScorers();
    List<Scorer> out = new ArrayList<>();
    for (String spec : specs) {
      Metric metric = family.metric(spec)
          .orElseThrow(() -> MetricList.notApplicable(spec, MetricFamily.TEXT, family.names()));
      out.add(family.scorer(metric, PluginContext.standalone(Path.of("").toAbsolutePath(), Map.of())));
    }
    return out;
  }

  /** Scores one pair; a reference the metric cannot use is reported at its line of the references file. */
  private static Map<String, Score> score(Scorer scorer, TextPairs.Pair pair, Path referencesFile) {
    try {
      return scorer.score(pair.example(), pair.output());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while scoring", e);
    } catch (InputException e) {
      if (e.file() == null && e.line() > 0) {
        throw new InputException(referencesFile, e.line(), e.field(), e.getMessage(), e.expected());
      }
      throw e;
    }
  }
}
