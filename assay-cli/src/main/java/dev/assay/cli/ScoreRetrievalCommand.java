package dev.assay.cli;

import dev.assay.core.InputException;
import dev.assay.core.MetricFamily;
import dev.assay.core.text.TerminalText;
import dev.assay.metrics.retrieval.MeasureCatalog;
import dev.assay.metrics.retrieval.Qrels;
import dev.assay.metrics.retrieval.RetrievalEvaluation;
import dev.assay.metrics.retrieval.RetrievalOptions;
import dev.assay.metrics.retrieval.RetrievalResult;
import dev.assay.metrics.retrieval.Run;
import dev.assay.metrics.retrieval.TrecEvalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code assay score retrieval --qrels Q --run R}: trec_eval on a TREC run. Text output is
 * trec_eval's three-column layout (so it diffs against trec_eval's own output); JSON is the
 * common score report with the per-query values under {@code per_query}.
 */
@Command(name = "retrieval", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Evaluate a TREC run against qrels as trec_eval does.")
final class ScoreRetrievalCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Option(names = "--qrels", required = true, paramLabel = "Q", description = "Judgments: qid iter docid rel.")
  String qrels;

  @Option(names = "--run", required = true, paramLabel = "R", description = "Run: qid Q0 docid rank score tag.")
  String run;

  @Option(names = "--metrics", paramLabel = "LIST",
      description = "Measures, comma-separated or repeated (trec_eval names, families such as P.5,10, "
          + "nicknames official / all_trec, aliases such as ndcg@10); default: official.")
  List<String> metrics = new ArrayList<>();

  @Option(names = "--per-query", description = "Also report each topic's values (trec_eval -q).")
  boolean perQuery;

  @Option(names = "--level", paramLabel = "N", defaultValue = "1",
      description = "Lowest grade counted relevant (trec_eval -l); default: ${DEFAULT-VALUE}.")
  int level;

  @Option(names = "--all-topics",
      description = "Average over every judged topic, a topic missing from the run counting 0, and report it "
          + "per query too (trec_eval -c).")
  boolean allTopics;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
      description = "How results are printed on stdout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); text is trec_eval's layout.")
  OutputFormat format;

  ScoreRetrievalCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    CliContext ctx = root.ctx();
    List<String> specs = MetricList.split(metrics);
    if (specs.isEmpty()) {
      specs = List.of("official");
    }
    for (String spec : specs) {
      checkApplies(spec);
    }
    RetrievalOptions options = RetrievalOptions.defaults().withMeasures(specs).withRelevanceLevel(level)
        .withAllTopics(allTopics);
    Qrels judged = Qrels.read(ctx.resolve(qrels));
    Run ranked = Run.read(ctx.resolve(run));
    RetrievalResult result = RetrievalEvaluation.evaluate(judged, ranked, options);
    if (format == OutputFormat.json) {
      int n = allTopics ? judged.size() : result.topics().size();
      new ScoreReport(result.aggregate(), n, ScoreReport.PER_QUERY, perQuery ? result.perQuery() : null)
          .print(ctx.out(), format);
    } else {
      // Topic ids come from the qrels and run files: keep trec_eval's layout, escape the rest.
      ctx.out().print(TerminalText.escapeKeepingLayout(TrecEvalFormat.format(result, perQuery)));
    }
    return ExitCode.OK;
  }

  /** A measure the catalog rejects is reported as the catalog says, unless another family owns it. */
  private static void checkApplies(String spec) {
    try {
      MeasureCatalog.resolve(spec, 0);
    } catch (InputException e) {
      if (MetricList.familyOf(spec, MetricFamily.RETRIEVAL).isPresent()) {
        throw MetricList.notApplicable(spec, MetricFamily.RETRIEVAL, MeasureCatalog.suggestions());
      }
      throw e;
    }
  }
}
