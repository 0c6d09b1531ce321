package dev.assay.cli;

import dev.assay.core.InputException;
import dev.assay.core.OrderedParallel;
import dev.assay.core.Scorer;
import dev.assay.metrics.text.CorpusScorer;
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

  @Option(names = "--format", defaultValue = "text", description = "text or json.")
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
    // Per scorer, the per-example maps it returned (statistics included) for its aggregate.
    List<List<Map<String, Double>>> byScorer = new ArrayList<>();
    scorers.forEach(s -> byScorer.add(new ArrayList<>()));
    Map<String, Map<String, Double>> perItem = new LinkedHashMap<>();
    // Scorers are stateless: score the pairs on all cores, in file order (and the first bad line first).
    List<List<Map<String, Double>>> scored = OrderedParallel.map(pairs.size(), p -> {
      List<Map<String, Double>> each = new ArrayList<>(scorers.size());
      for (Scorer scorer : scorers) {
        each.add(score(scorer, pairs.get(p), referencesFile));
      }
      return each;
    });
    for (int p = 0; p < pairs.size(); p++) {
      TextPairs.Pair pair = pairs.get(p);
      Map<String, Double> shown = new LinkedHashMap<>();
      for (int s = 0; s < scorers.size(); s++) {
        Map<String, Double> scores = scored.get(p).get(s);
        byScorer.get(s).add(scores);
        scores.forEach((k, v) -> {
          if (!CorpusScorer.isStatistic(k)) {
            shown.put(k, v);
          }
        });
      }
      perItem.put(pair.example().id(), shown);
    }
    Map<String, Double> aggregate = new LinkedHashMap<>();
    for (int s = 0; s < scorers.size(); s++) {
      aggregate.putAll(scorers.get(s).aggregate(byScorer.get(s)));
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
      out.add(family.create(spec)
          .orElseThrow(() -> MetricList.notApplicable(spec, MetricList.Family.TEXT, family.names())));
    }
    return out;
  }

  /** Scores one pair; a reference the metric cannot use is reported at its line of the references file. */
  private static Map<String, Double> score(Scorer scorer, TextPairs.Pair pair, Path referencesFile) {
    try {
      return scorer.score(pair.example(), pair.output());
    } catch (InputException e) {
      if (e.file() == null && e.line() > 0) {
        throw new InputException(referencesFile, e.line(), e.field(), e.getMessage(), e.expected());
      }
      throw e;
    }
  }
}
