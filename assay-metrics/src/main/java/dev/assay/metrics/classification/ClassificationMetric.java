package dev.assay.metrics.classification;

import dev.assay.core.InputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The classification metrics under their canonical names, each computed from a {@link
 * ClassificationData} with example weights (1 each, or bootstrap multiplicities).
 *
 * <p>Every value equals scikit-learn's (≥ 1.2, checked against 1.9.1) on the inputs scikit-learn
 * accepts, to 1e-9; docs/metrics-classification.md lists the deliberate differences. Names:
 * binary-average scores end in {@code _binary} ({@code f1} alone is SQuAD token F1 in the text
 * family).
 */
public enum ClassificationMetric {
  ACCURACY("accuracy", false, Set.of()) {
    @Override
    double compute(ClassificationData d, MetricSpec s, double[] w) {
      return ConfusionMatrix.of(d, w).accuracy();
    }
  },
  BALANCED_ACCURACY("balanced_accuracy", false, Set.of()) {
    @Override
    double compute(ClassificationData d, MetricSpec s, double[] w) {
      return ConfusionMatrix.of(d, w).balancedAccuracy();
    }
  },
  PRECISION_BINARY("precision_binary", false, Set.of("pos_label")) {
    @Override
    double compute(ClassificationData d, MetricSpec s, double[] w) {
      return prf(d, s, w, Average.BINARY).precision();
    }
  },
  RECALL_BINARY("recall_binary", false, Set.of("pos_label")) {
    @Override
    double compute(ClassificationData d, MetricSpec s, double[] w) {
      return prf(d, s, w, Average.BINARY).recall();
    }
  },
  F1_BINARY("f1_binary", false, Set.of("pos_label")) {
    @Override
    double compute(ClassificationData d, MetricSpec s, double[] w) {
      return prf(d, s, w, Average.BINARY).f1();
    }
  },
  PRECISION_MICRO("precision_micro", false, Set.of()) {
    @Override
    double compute(ClassificationData d, MetricSpec s, double[] w) {
      return prf(d, s, w, Average.MICRO).precision();
    }
  },
  RECALL_MICRO("recall_micro", false, Set.of()) {
    @Override
    double compute(ClassificationData d, MetricSpec s, double[] w) {
      return prf(d, s, w, Average.MICRO).recall();
    }
  },
  F1_MICRO("f1_micro", false, Set.of()) {
    @Override
    double compute(ClassificationData d, MetricSpec s, double[] w) {
      return prf(d, s, w, Average.MICRO).f1();
    }
  },
  PRECISION_MACRO("precision_macro", false, Set.of()) {
    @Override
    double compute(ClassificationData d, MetricSpec s, double[] w) {
      return prf(d, s, w, Average.MACRO).precision();
    }
  },
  RECALL_MACRO("recall_macro", false, Set.of()) {
    @Override
    double compute(ClassificationData d, MetricSpec s, double[] w) {
      return prf(d, s, w, Average.MACRO).recall();
    }
  },
  F1_MACRO("f1_macro", false, Set.of()) {
    @Override
    double compute(ClassificationData d, MetricSpec s, double[] w) {
      return prf(d, s, w, Average.MACRO).f1();
    }
  },
  PRECISION_WEIGHTED("precision_weighted", false, Set.of()) {
    @Override
    double compute(ClassificationData d, MetricSpec s, double[] w) {
      return prf(d, s, w, Average.WEIGHTED).precision();
    }
  },
  RECALL_WEIGHTED("recall_weighted", false, Set.of()) {
    @Override
    double compute(ClassificationData d, MetricSpec s, double[] w) {
      return prf(d, s, w, Average.WEIGHTED).recall();
    }
  },
  F1_WEIGHTED("f1_weighted", false, Set.of()) {
    @Override
    double compute(ClassificationData d, MetricSpec s, double[] w) {
      return prf(d, s, w, Average.WEIGHTED).f1();
    }
  },
  MCC("mcc", false, Set.of()) {
    @Override
    double compute(ClassificationData d, MetricSpec s, double[] w) {
      return ConfusionMatrix.of(d, w).mcc();
    }
  },
  COHEN_KAPPA("cohen_kappa", false, Set.of("weights")) {
    @Override
    double compute(ClassificationData d, MetricSpec s, double[] w) {
      String weights = s.choiceParam("weights", "none", Set.of("none", "linear", "quadratic"));
      return ConfusionMatrix.of(d, w).cohenKappa(ConfusionMatrix.KappaWeighting.valueOf(weights.toUpperCase(java.util.Locale.ROOT)));
    }
  },
  ROC_AUC("roc_auc", false, Set.of("pos_label", "average")) {
    @Override
    double compute(ClassificationData d, MetricSpec s, double[] w) {
      return ranking(d, s, w, BinaryRanking::rocAuc);
    }
  },
  AVERAGE_PRECISION("average_precision", false, Set.of("pos_label", "average")) {
    @Override
    double compute(ClassificationData d, MetricSpec s, double[] w) {
      return ranking(d, s, w, BinaryRanking::averagePrecision);
    }
  },
  LOG_LOSS("log_loss", true, Set.of("eps", "renormalize")) {
    @Override
    double compute(ClassificationData d, MetricSpec s, double[] w) {
      return weightedMean(perExample(d, s), w);
    }

    @Override
    double[] perExample(ClassificationData d, MetricSpec s) {
      double[][] p = probabilities(d, s);
      double eps = s.fractionParam("eps", ProbabilisticLoss.DOUBLE_EPS);
      boolean renormalise = s.choiceParam("renormalize", "false", Set.of("true", "false")).equals("true");
      int[] truth = d.truthIndex();
      double[] out = new double[truth.length];
      double[] row = new double[p.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = ProbabilisticLoss.logLoss(row(p, i, row), truth[i], eps, renormalise);
      }
      return out;
    }
  },
  BRIER("brier", true, Set.of()) {
    @Override
    double compute(ClassificationData d, MetricSpec s, double[] w) {
      return weightedMean(perExample(d, s), w);
    }

    @Override
    double[] perExample(ClassificationData d, MetricSpec s) {
      double[][] p = probabilities(d, s);
      int[] truth = d.truthIndex();
      double[] out = new double[truth.length];
      double[] row = new double[p.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = ProbabilisticLoss.brier(row(p, i, row), truth[i]);
      }
      return out;
    }
  },
  ECE("ece", true, Set.of("bins", "strategy")) {
    @Override
    double compute(ClassificationData d, MetricSpec s, double[] w) {
      return reliability(d, s, w).ece();
    }
  };

  private final String canonical;
  private final boolean lowerIsBetter;
  private final Set<String> params;

  ClassificationMetric(String canonical, boolean lowerIsBetter, Set<String> params) {
    this.canonical = canonical;
    this.lowerIsBetter = lowerIsBetter;
    this.params = params;
  }

  /** The canonical name, e.g. {@code f1_macro}. */
  public String canonicalName() {
    return canonical;
  }

  public boolean higherIsBetter() {
    return !lowerIsBetter;
  }

  /** Parameter keys the metric accepts. */
  public Set<String> parameters() {
    return params;
  }

  /**
   * Checks {@code spec}'s parameters (keys and values) before any data is read, so a typo fails
   * fast with an input error.
   */
  void validate(MetricSpec spec) {
    spec.requireOnly(params);
    spec.intParam("bins", Reliability.DEFAULT_BINS, 1, 10_000);
    spec.choiceParam("strategy", "uniform", Set.of("uniform", "quantile"));
    spec.choiceParam("weights", "none", Set.of("none", "linear", "quadratic"));
    spec.choiceParam("average", "macro", Set.of("macro", "weighted"));
    spec.choiceParam("renormalize", "false", Set.of("true", "false"));
    spec.fractionParam("eps", ProbabilisticLoss.DOUBLE_EPS);
  }

  abstract double compute(ClassificationData data, MetricSpec spec, double[] weights);

  /**
   * Per-example values whose weighted mean is the metric, or null when the metric is not a mean
   * of per-example values (its sufficient statistics are then the confusion cells or scores).
   */
  double[] perExample(ClassificationData data, MetricSpec spec) {
    if (this == ACCURACY) {
      int[] t = data.truthIndex();
      int[] p = data.predictedIndex();
      double[] out = new double[t.length];
      for (int i = 0; i < t.length; i++) {
        out[i] = t[i] == p[i] ? 1 : 0;
      }
      return out;
    }
    return null;
  }

  private static final Map<String, ClassificationMetric> BY_NAME = new LinkedHashMap<>();

  static {
    for (ClassificationMetric m : values()) {
      BY_NAME.put(m.canonical, m);
    }
  }

  /** Canonical names, in declaration order. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /** The metric called {@code name}, or null. */
  public static ClassificationMetric byName(String name) {
    return BY_NAME.get(name);
  }

  // ---- shared computations -------------------------------------------------------------------

  static PrecisionRecallF1.Scores prf(ClassificationData d, MetricSpec s, double[] w, Average average) {
    ConfusionMatrix m = ConfusionMatrix.of(d, w);
    String positive = null;
    if (average == Average.BINARY) {
      List<String> labels = m.labels();
      positive = s.param("pos_label", labels.get(labels.size() - 1));
    }
    try {
      return PrecisionRecallF1.averaged(m, average, positive);
    } catch (IllegalArgumentException e) {
      throw new InputException(d.source(), 0, "label", "metric '" + s.text() + "': " + e.getMessage(),
          "a two-class task, or a micro/macro/weighted average");
    }
  }

  /** Example {@code i}'s probabilities from {@code columns}, written into {@code row}. */
  private static double[] row(double[][] columns, int i, double[] row) {
    for (int c = 0; c < columns.length; c++) {
      row[c] = columns[c][i];
    }
    return row;
  }

  /** The probability columns ({@code [class][example]}); callers must not modify them. */
  static double[][] probabilities(ClassificationData d, MetricSpec s) {
    double[][] p = d.probabilityColumns(s.text());
    if (d.classes().size() < 2) {
      throw new InputException(d.source(), 0, "label", "metric '" + s.text() + "' needs at least two classes, found "
          + d.classes(), "probabilities over two or more labels");
    }
    return p;
  }

  /** A binary ranking score of one class column against the rest. */
  interface RankingScore {
    double of(boolean[] positive, double[] score, double[] weight);
  }

  /**
   * Binary task: the positive column ({@code pos_label}, default the greater label). Three or
   * more classes: one-vs-rest per class, averaged {@code macro} (default) or {@code weighted} by
   * class weight, where a class of zero weight contributes 0 (as scikit-learn's
   * {@code _average_binary_score}).
   */
  static double ranking(ClassificationData d, MetricSpec s, double[] w, RankingScore metric) {
    double[][] p = probabilities(d, s);
    List<String> classes = d.classes();
    int[] truth = d.truthIndex();
    if (classes.size() == 2) {
      String positive = s.param("pos_label", classes.get(1));
      int c = classes.indexOf(positive);
      if (c < 0) {
        throw InputException.of("pos_label '" + positive + "' of metric '" + s.text() + "' is not a label",
            "one of " + classes);
      }
      return metric.of(column(truth, c), p[c], w);
    }
    if (s.params().containsKey("pos_label")) {
      throw InputException.of("pos_label of metric '" + s.text() + "' applies to two-class tasks only",
          "no pos_label for " + classes.size() + " classes (one-vs-rest averaging)");
    }
    boolean weighted = s.choiceParam("average", "macro", Set.of("macro", "weighted")).equals("weighted");
    double sum = 0;
    double wsum = 0;
    for (int c = 0; c < classes.size(); c++) {
      boolean[] positive = column(truth, c);
      double classWeight = 1;
      if (weighted) {
        classWeight = 0;
        for (int i = 0; i < truth.length; i++) {
          classWeight += positive[i] ? w[i] : 0;
        }
      }
      double score = classWeight == 0 ? 0 : metric.of(positive, p[c], w);
      sum += classWeight * score;
      wsum += classWeight;
    }
    return wsum == 0 ? Double.NaN : sum / wsum;
  }

  static Reliability reliability(ClassificationData d, MetricSpec s, double[] w) {
    double[][] p = probabilities(d, s);
    int bins = s.intParam("bins", Reliability.DEFAULT_BINS, 1, 10_000);
    Binning binning = s.choiceParam("strategy", "uniform", Set.of("uniform", "quantile")).equals("uniform")
        ? Binning.UNIFORM
        : Binning.QUANTILE;
    int[] truth = d.truthIndex();
    int[] predicted = d.predictedIndex();
    double[] confidence = new double[truth.length];
    boolean[] correct = new boolean[truth.length];
    for (int i = 0; i < truth.length; i++) {
      confidence[i] = p[predicted[i]][i];
      correct[i] = truth[i] == predicted[i];
    }
    try {
      return Reliability.of(confidence, correct, w, bins, binning);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("metric '" + s.text() + "': " + e.getMessage(), e);
    }
  }

  private static boolean[] column(int[] truth, int c) {
    boolean[] out = new boolean[truth.length];
    for (int i = 0; i < truth.length; i++) {
      out[i] = truth[i] == c;
    }
    return out;
  }

  static double weightedMean(double[] values, double[] w) {
    Sums num = new Sums();
    Sums den = new Sums();
    for (int i = 0; i < values.length; i++) {
      num.add(values[i] * w[i]);
      den.add(w[i]);
    }
    double total = den.value();
    return total == 0 ? Double.NaN : num.value() / total;
  }
}
