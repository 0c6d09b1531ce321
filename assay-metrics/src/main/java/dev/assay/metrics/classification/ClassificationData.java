package dev.assay.metrics.classification;

import dev.assay.core.InputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records indexed for computation: labels mapped to class indices, probabilities to a matrix.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>{@link #classes()} is the sorted ({@link LabelOrder}) union of true labels, predicted labels
 *       and probability keys; {@code truth[i]} and {@code predicted[i]} index into it.
 *   <li>{@link #labelClasses()} is the sorted union of true and predicted labels only: the classes
 *       of label-based metrics (scikit-learn's {@code unique_labels(y_true, y_pred)}).
 *   <li>When probabilities are present, every record has them and {@code probabilities[i][c]} is
 *       the probability of {@code classes().get(c)} (0 for a label the record's map omits); a
 *       {@code score} record becomes {@code [1 - score, score]} over a two-class task.
 * </ul>
 */
public final class ClassificationData {
  private final String source;
  private final List<ClassificationRecord> records;
  private final List<String> classes;
  private final int[] labelClasses;
  private final int[] truth;
  private final int[] predicted;
  private final double[][] probabilities;
  private final ClassificationRecord missingProbabilities;

  private ClassificationData(String source, List<ClassificationRecord> records) {
    if (records.isEmpty()) {
      throw new InputException(source, 0, null, "no predictions", "at least one record");
    }
    this.source = source;
    this.records = List.copyOf(records);
    Set<String> labelSet = new LinkedHashSet<>();
    Set<String> all = new LinkedHashSet<>();
    for (ClassificationRecord r : records) {
      labelSet.add(r.label());
      labelSet.add(r.predicted());
      if (r.scores() != null) {
        all.addAll(r.scores().keySet());
      }
    }
    all.addAll(labelSet);
    this.classes = List.copyOf(LabelOrder.sorted(all));
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < classes.size(); c++) {
      index.put(classes.get(c), c);
    }
    this.labelClasses = LabelOrder.sorted(labelSet).stream().mapToInt(index::get).toArray();
    int n = records.size();
    truth = new int[n];
    predicted = new int[n];
    for (int i = 0; i < n; i++) {
      truth[i] = index.get(records.get(i).label());
      predicted[i] = index.get(records.get(i).predicted());
    }
    ClassificationRecord missing = null;
    for (ClassificationRecord r : records) {
      if (!r.hasProbabilities()) {
        missing = r;
        break;
      }
    }
    this.missingProbabilities = missing;
    this.probabilities = missing == null ? probabilities(index) : null;
  }

  /** Indexes {@code records}; {@code source} (a file name, may be null) is named in messages. */
  public static ClassificationData of(List<ClassificationRecord> records, String source) {
    return new ClassificationData(source, records);
  }

  public static ClassificationData of(List<ClassificationRecord> records) {
    return new ClassificationData(null, records);
  }

  private double[][] probabilities(Map<String, Integer> index) {
    int n = records.size();
    int k = classes.size();
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      ClassificationRecord r = records.get(i);
      if (r.score() != null) {
        if (k != 2) {
          throw new InputException(source, r.line(), "score",
              "a positive-class 'score' needs a two-class task, but the labels are " + classes,
              "per-class probabilities in 'scores' for " + k + " classes");
        }
        p[i] = new double[] {1 - r.score(), r.score()};
      } else {
        double[] row = new double[k];
        for (Map.Entry<String, Double> e : r.scores().entrySet()) {
          row[index.get(e.getKey())] = e.getValue();
        }
        p[i] = row;
      }
    }
    return p;
  }

  public String source() {
    return source;
  }

  public List<ClassificationRecord> records() {
    return records;
  }

  public int size() {
    return records.size();
  }

  public List<String> classes() {
    return classes;
  }

  /** Indices (into {@link #classes()}) of labels that occur as a true or predicted label. */
  public int[] labelClasses() {
    return labelClasses.clone();
  }

  int[] truthIndex() {
    return truth;
  }

  int[] predictedIndex() {
    return predicted;
  }

  public boolean hasProbabilities() {
    return probabilities != null;
  }

  /**
   * The probability matrix (rows per record, columns per {@link #classes()}); throws
   * {@link InputException} naming {@code metric} and the first record without probabilities.
   */
  double[][] probabilities(String metric) {
    if (probabilities == null) {
      throw new InputException(source, missingProbabilities.line(), "scores",
          "metric '" + metric + "' needs probabilities but example '" + missingProbabilities.id() + "' has none",
          "'scores' {label: probability} or a positive-class 'score' on every line");
    }
    return probabilities;
  }

  /** Uniform weights: every example counts once. */
  double[] unitWeights() {
    double[] w = new double[records.size()];
    java.util.Arrays.fill(w, 1.0);
    return w;
  }

  List<String> labels(int[] idx) {
    List<String> out = new ArrayList<>(idx.length);
    for (int c : idx) {
      out.add(classes.get(c));
    }
    return out;
  }
}
