package dev.assay.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Example;
import dev.assay.core.ExampleResult;
import dev.assay.metrics.classification.Binning;
import dev.assay.metrics.classification.ClassificationData;
import dev.assay.metrics.classification.ClassificationRecord;
import dev.assay.metrics.classification.ConfusionMatrix;
import dev.assay.metrics.classification.Labels;
import dev.assay.metrics.classification.Reliability;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The classifier view of a run: its confusion matrix, and its reliability diagram when the outputs
 * carry probabilities.
 *
 * <p>A run counts as a classifier when its outputs and references are labels, judged simply: every
 * reference is a short single-line string or number, every answered output is one too (or an
 * object with a {@code label} and optional {@code scores} map of label to probability, the form
 * {@code assay score classification} reads), there are 2 to {@value #MAX_LABELS} labels in all, and
 * at least half of the predictions are among the reference labels. Anything else is not a
 * classifier and {@link #detect} says why.
 *
 * @param matrix the confusion matrix (rows true labels, columns predictions)
 * @param reliability the reliability diagram, null without probabilities
 */
public record ClassifierView(ConfusionMatrix matrix, Reliability reliability) {
  /** More labels than this is not a classification task a heat map can show. */
  public static final int MAX_LABELS = 20;

  private static final int MAX_LABEL_LENGTH = 64;
  private static final int BINS = 10;

  /** The outcome of detection: a view, or the reason there is none. */
  public record Detection(ClassifierView view, String note) {}

  public static Detection detect(RunView run, DatasetView data) {
    if (!data.available()) {
      return new Detection(null, "needs the references: " + data.note());
    }
    List<ClassificationRecord> records = new ArrayList<>();
    Set<String> references = new HashSet<>();
    Set<String> all = new HashSet<>();
    boolean probabilities = true;
    for (ExampleResult r : run.results()) {
      if (r.repeat() != 0 || r.output() == null) {
        continue;
      }
      Example e = data.example(r.id());
      String truth = e == null ? null : label(e.reference());
      if (truth == null) {
        return new Detection(null, "references are not labels");
      }
      JsonNode out = r.output();
      String predicted = label(out.isObject() ? out.get("label") : out);
      if (predicted == null) {
        return new Detection(null, "outputs are not labels");
      }
      Map<String, Double> scores = scores(out);
      probabilities &= scores != null;
      references.add(truth);
      all.add(truth);
      all.add(predicted);
      if (all.size() > MAX_LABELS) {
        return new Detection(null, "more than " + MAX_LABELS + " distinct labels");
      }
      records.add(new ClassificationRecord(r.id(), truth, predicted, scores, null, 0));
    }
    if (records.isEmpty() || all.size() < 2) {
      return new Detection(null, "fewer than two labels");
    }
    long inReference = records.stream().filter(x -> references.contains(x.predicted())).count();
    if (inReference * 2 < records.size()) {
      return new Detection(null, "most outputs are not among the reference labels");
    }
    if (!probabilities) {
      records.replaceAll(x -> ClassificationRecord.of(x.id(), x.label(), x.predicted()));
    }
    ClassificationData cd = ClassificationData.of(records, run.run().runId());
    ConfusionMatrix cm = ConfusionMatrix.of(cd);
    Reliability rel = null;
    if (probabilities) {
      int n = records.size();
      double[] confidence = new double[n];
      boolean[] correct = new boolean[n];
      double[] weight = new double[n];
      for (int i = 0; i < n; i++) {
        ClassificationRecord x = records.get(i);
        confidence[i] = x.scores().getOrDefault(x.predicted(), 0.0);
        correct[i] = x.predicted().equals(x.label());
        weight[i] = 1;
      }
      rel = Reliability.of(confidence, correct, weight, BINS, Binning.UNIFORM);
    }
    return new Detection(new ClassifierView(cm, rel),
        rel == null ? "no reliability diagram: the outputs carry no probabilities (scores)" : null);
  }

  /** The label as the classification metrics read it ({@link Labels}); null when none or unfit for a table. */
  private static String label(JsonNode node) {
    String s = Labels.of(node);
    return s == null || s.isEmpty() || s.length() > MAX_LABEL_LENGTH || s.indexOf('\n') >= 0 ? null : s;
  }

  private static Map<String, Double> scores(JsonNode out) {
    JsonNode s = out.isObject() ? out.get("scores") : null;
    if (s == null || !s.isObject() || s.isEmpty()) {
      return null;
    }
    Map<String, Double> m = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> f : s.properties()) {
      if (!f.getValue().isNumber() || f.getValue().asDouble() < 0 || f.getValue().asDouble() > 1) {
        return null;
      }
      m.put(f.getKey(), f.getValue().asDouble());
    }
    return m;
  }
}
