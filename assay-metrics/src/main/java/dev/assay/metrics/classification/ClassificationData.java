package dev.assay.metrics.classification;

import dev.assay.core.InputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 *   <li>When probabilities are present, every record has them and column {@code c} of {@link
 *       #probabilityColumns} holds the probabilities of {@code classes().get(c)} (0 for a label
 *       the record's map omits); a {@code score} record becomes {@code [1 - score, score]} over a
 *       two-class task.
 * </ul>
 */
public final class ClassificationData {
  private final String source;
  private final List<ClassificationRecord> records;
  private final List<String> classes;
  private final int[] labelClasses;
  private final int[] truth;
  private final int[] predicted;
  /** Probabilities by class, then example: {@code columns[c][i]}; null when a record has none. */
  private final double[][] columns;
  private final ClassificationRecord missingProbabilities;

  private ClassificationData(String source, List<ClassificationRecord> records) {
    if (records.isEmpty()) {
      throw new InputException(source, 0, null, "no predictions", "at least one record");
    }
    this.source = source;
    this.records = List.copyOf(records);
    // One pass over the records (a million records are a cache miss each): labels get provisional
    // ids in first-seen order, re-numbered into label order afterwards on int arrays.
    Labels labels = new Labels();
    int n = this.records.size();
    int[] t = new int[n];
    int[] p = new int[n];
    double[] positiveScore = null;
    ClassificationRecord missing = null;
    for (int i = 0; i < n; i++) {
      ClassificationRecord r = this.records.get(i);
      t[i] = labels.id(r.label(), true);
      p[i] = labels.id(r.predicted(), true);
      if (r.score() != null) {
        if (positiveScore == null) {
          positiveScore = new double[n];
        }
        positiveScore[i] = r.score();
      } else if (r.scores() != null) {
        for (String key : r.scores().keySet()) {
          labels.id(key, false);
        }
      } else if (missing == null) {
        missing = r;
      }
    }
    this.classes = List.copyOf(LabelOrder.sorted(labels.names));
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < classes.size(); c++) {
      index.put(classes.get(c), c);
    }
    int[] rank = new int[labels.names.size()];
    List<String> labelNames = new ArrayList<>();
    for (int id = 0; id < rank.length; id++) {
      rank[id] = index.get(labels.names.get(id));
      if (labels.isLabel.get(id)) {
        labelNames.add(labels.names.get(id));
      }
    }
    this.labelClasses = LabelOrder.sorted(labelNames).stream().mapToInt(index::get).toArray();
    for (int i = 0; i < n; i++) {
      t[i] = rank[t[i]];
      p[i] = rank[p[i]];
    }
    this.truth = t;
    this.predicted = p;
    this.missingProbabilities = missing;
    this.columns = missing == null ? columns(index, positiveScore) : null;
  }

  /** Distinct strings in first-seen order, remembering which occur as a true or predicted label. */
  private static final class Labels {
    final Map<String, Integer> ids = new HashMap<>();
    final List<String> names = new ArrayList<>();
    final java.util.BitSet isLabel = new java.util.BitSet();

    int id(String name, boolean label) {
      Integer id = ids.get(name);
      if (id == null) {
        id = names.size();
        ids.put(name, id);
        names.add(name);
      }
      if (label) {
        isLabel.set(id);
      }
      return id;
    }
  }

  /** Indexes {@code records}; {@code source} (a file name, may be null) is named in messages. */
  public static ClassificationData of(List<ClassificationRecord> records, String source) {
    return new ClassificationData(source, records);
  }

  public static ClassificationData of(List<ClassificationRecord> records) {
    return new ClassificationData(null, records);
  }

  private double[][] columns(Map<String, Integer> index, double[] positiveScore) {
    int n = records.size();
    int k = classes.size();
    double[][] p = new double[k][n];
    for (int i = 0; i < n; i++) {
      ClassificationRecord r = records.get(i);
      if (r.score() != null) {
        if (k != 2) {
          throw new InputException(source, r.line(), "score",
              "a positive-class 'score' needs a two-class task, but the labels are " + classes,
              "per-class probabilities in 'scores' for " + k + " classes");
        }
        p[0][i] = 1 - positiveScore[i];
        p[1][i] = positiveScore[i];
      } else {
        for (Map.Entry<String, Double> e : r.scores().entrySet()) {
          p[index.get(e.getKey())][i] = e.getValue();
        }
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
    return columns != null;
  }

  /**
   * The probabilities by class: {@code [c][i]} is the probability record {@code i} gives {@link
   * #classes()}{@code .get(c)}. Shared, not copied: callers must not modify it. Throws {@link
   * InputException} naming {@code metric} and the first record without probabilities.
   */
  double[][] probabilityColumns(String metric) {
    if (columns == null) {
      throw new InputException(source, missingProbabilities.line(), "scores",
          "metric '" + metric + "' needs probabilities but example '" + missingProbabilities.id() + "' has none",
          "'scores' {label: probability} or a positive-class 'score' on every line");
    }
    return columns;
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
