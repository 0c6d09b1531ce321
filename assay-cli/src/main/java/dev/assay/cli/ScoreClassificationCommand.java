package dev.assay.cli;

import dev.assay.core.MetricFamily;
import dev.assay.metrics.classification.ClassificationData;
import dev.assay.metrics.classification.ClassificationEvaluation;
import dev.assay.metrics.classification.ClassificationMetric;
import dev.assay.metrics.classification.ClassificationReader;
import dev.assay.metrics.classification.ClassificationRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code assay score classification --predictions P --metrics LIST}: the classification family
 * ({@link ClassificationEvaluation}) over JSONL {@code {id, label, predicted, scores?, score?}}.
 *
 * <p>Per example, only the metrics that are means of per-example values have one ({@code
 * accuracy}, {@code log_loss}, {@code brier}); F1, AUC, ECE and the like are functions of the
 * whole set and appear only in the aggregate.
 */
@Command(name = "classification", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Score predicted labels (accuracy, f1_macro, roc_auc, ece, ...).")
final class ScoreClassificationCommand implements Callable<Integer> {
  private final AssayCommand root;

  @Option(names = "--predictions", required = true, paramLabel = "P",
      description = "JSONL {id, label, predicted, scores?: {label: probability}, score?: probability}.")
  String predictions;

  @Option(names = "--metrics", required = true, paramLabel = "LIST",
      description = "Metrics, comma-separated or repeated, with parameters as NAME:key=value.")
  List<String> metrics = new ArrayList<>();

  @Option(names = "--per-example", description = "Also report each example's values (accuracy, log_loss, brier).")
  boolean perExample;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
      description = "How results are printed on stdout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  ScoreClassificationCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    CliContext ctx = root.ctx();
    List<String> specs = MetricList.split(metrics);
    for (String spec : specs) {
      if (!ClassificationEvaluation.knows(spec)) {
        throw MetricList.notApplicable(spec, MetricFamily.CLASSIFICATION, ClassificationMetric.names());
      }
    }
    ClassificationEvaluation evaluation = ClassificationEvaluation.of(specs);
    Path file = ctx.resolve(predictions);
    List<ClassificationRecord> records = ClassificationReader.read(file);
    ClassificationData data = ClassificationData.of(records, file.toString());
    Map<String, Double> aggregate = evaluation.evaluate(data);
    Map<String, Map<String, Double>> perItem = null;
    if (perExample) {
      perItem = new LinkedHashMap<>();
      List<Map<String, Double>> values = evaluation.perExample(data);
      for (int i = 0; i < records.size(); i++) {
        perItem.put(records.get(i).id(), values.get(i));
      }
    }
    new ScoreReport(aggregate, records.size(), ScoreReport.PER_EXAMPLE, perItem).print(ctx.out(), format);
    return ExitCode.OK;
  }
}
