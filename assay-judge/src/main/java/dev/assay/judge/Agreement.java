package dev.assay.judge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.stats.Confidence;
import dev.assay.stats.ConfidenceInterval;
import dev.assay.stats.agreement.CohenKappa;
import dev.assay.stats.agreement.FleissKappa;
import dev.assay.stats.agreement.Kappa;
import dev.assay.stats.agreement.KappaWeights;
import dev.assay.stats.agreement.KrippendorffAlpha;
import dev.assay.stats.interval.NewcombePairedInterval;
import dev.assay.stats.interval.PairedCounts;
import dev.assay.stats.interval.WilsonInterval;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How a judge agrees with human labels (docs/judges.md): accuracy, Cohen's κ (unweighted, linear,
 * quadratic), the confusion matrix, per-class precision and recall, the judge's bias (its mean
 * score minus the humans' mean) with an interval, and, with several raters, the humans' own
 * agreement (Fleiss' κ, Krippendorff's α), the ceiling a judge can hardly be expected to beat.
 *
 * <p>The humans' value of an answer is the label most raters gave; answers on which raters tie
 * have no such value and are counted ({@code no_consensus}) but left out of every judge-vs-human
 * figure. Categories are the values either side used, in numeric order; κ weighs a disagreement by
 * the distance of the values (so a 1-5 rubric with an unused 3 still weighs 2 against 4 as two
 * steps).
 *
 * <p>Intervals: accuracy by Wilson; bias by Newcombe's paired interval when every value is 0 or 1,
 * else the normal interval of the mean paired difference; κ by its large-sample standard error.
 *
 * @param n answers with a human consensus
 * @param noConsensus answers on which raters tie
 * @param categories the values either side used, ascending
 * @param confusion counts, rows the humans' value, columns the judge's
 * @param kappa Cohen's κ by weighting
 * @param accuracy the share of answers on which the judge gave the humans' value
 * @param accuracyInterval Wilson interval of accuracy; null when n is 0
 * @param judgeMean the judge's mean score over the n answers
 * @param humanMean the humans' mean value over the same answers
 * @param biasInterval interval of judgeMean - humanMean; null when it cannot be estimated
 * @param raters rater names, when there are several
 * @param fleissKappa Fleiss' κ over answers every rater labelled; NaN with fewer than two raters
 * @param alphaNominal Krippendorff's α (nominal); NaN with fewer than two raters
 * @param alphaInterval Krippendorff's α (interval); NaN with fewer than two raters
 * @param confidence the intervals' level
 * @param panel the members' agreement with each other when the judge is a panel, else null
 */
public record Agreement(int n, int noConsensus, double[] categories, long[][] confusion, Map<KappaWeights, Kappa> kappa,
    double accuracy, ConfidenceInterval accuracyInterval, double judgeMean, double humanMean,
    ConfidenceInterval biasInterval, List<String> raters, double fleissKappa, double alphaNominal,
    double alphaInterval, double confidence, Panel panel) {

  /**
   * How a judge panel's members agree with each other, over every judged answer (humans' labels
   * aside): when they rarely agree, their majority is a coin flip whatever its κ with humans.
   *
   * @param members the panel's size
   * @param fleissKappa Fleiss' κ of the members
   * @param alphaNominal Krippendorff's α (nominal) of the members
   * @param alphaInterval Krippendorff's α (interval) of the members
   */
  public record Panel(int members, double fleissKappa, double alphaNominal, double alphaInterval) {}

  /** Measures agreement of the judged answers at two-sided level {@code confidence}. */
  public static Agreement of(List<Judged> judged, double confidence) {
    Confidence.check(confidence);
    List<Judged> agreed = judged.stream().filter(j -> j.consensus().isPresent()).toList();
    TreeSet<Double> values = new TreeSet<>();
    agreed.forEach(j -> {
      values.add(j.judge());
      values.add(j.consensus().get());
    });
    double[] categories = values.stream().mapToDouble(Double::doubleValue).toArray();
    List<Double> order = new ArrayList<>(values);
    int k = categories.length;
    long[][] confusion = new long[k][k];
    double[][] counts = new double[k][k];
    int hits = 0;
    double judgeSum = 0;
    double humanSum = 0;
    double[] diffs = new double[agreed.size()];
    boolean binary = true;
    boolean[] judgeYes = new boolean[agreed.size()];
    boolean[] humanYes = new boolean[agreed.size()];
    for (int i = 0; i < agreed.size(); i++) {
      Judged j = agreed.get(i);
      double h = j.consensus().get();
      int row = order.indexOf(h);
      int col = order.indexOf(j.judge());
      confusion[row][col]++;
      counts[row][col]++;
      hits += row == col ? 1 : 0;
      judgeSum += j.judge();
      humanSum += h;
      diffs[i] = j.judge() - h;
      binary &= (h == 0 || h == 1) && (j.judge() == 0 || j.judge() == 1);
      judgeYes[i] = j.judge() == 1;
      humanYes[i] = h == 1;
    }
    int n = agreed.size();
    Map<KappaWeights, Kappa> kappa = new EnumMap<>(KappaWeights.class);
    for (KappaWeights w : KappaWeights.values()) {
      kappa.put(w, CohenKappa.of(counts, categories, w));
    }
    ConfidenceInterval bias = null;
    if (n >= 2) {
      bias = binary ? NewcombePairedInterval.of(PairedCounts.of(humanYes, judgeYes), confidence)
          : meanInterval(diffs, confidence);
    }
    List<String> raters = raters(judged);
    double fleiss = Double.NaN;
    double alphaNominal = Double.NaN;
    double alphaInterval = Double.NaN;
    if (raters.size() >= 2) {
      double[][] ratings = new double[judged.size()][raters.size()];
      for (int i = 0; i < judged.size(); i++) {
        for (int r = 0; r < raters.size(); r++) {
          ratings[i][r] = judged.get(i).humans().getOrDefault(raters.get(r), Double.NaN);
        }
      }
      alphaNominal = KrippendorffAlpha.of(ratings, KrippendorffAlpha.Level.NOMINAL);
      alphaInterval = KrippendorffAlpha.of(ratings, KrippendorffAlpha.Level.INTERVAL);
      fleiss = fleiss(judged.stream().filter(j -> j.humans().size() == raters.size())
          .map(j -> j.humans().values().stream().mapToDouble(Double::doubleValue).toArray()).toList());
    }
    Panel panel = null;
    int size = judged.isEmpty() ? 0 : judged.get(0).members().length;
    if (size >= 2 && judged.stream().allMatch(j -> j.members().length == size)) {
      double[][] scores = judged.stream().map(Judged::members).toArray(double[][]::new);
      panel = new Panel(size, fleiss(List.of(scores)), KrippendorffAlpha.of(scores, KrippendorffAlpha.Level.NOMINAL),
          KrippendorffAlpha.of(scores, KrippendorffAlpha.Level.INTERVAL));
    }
    return new Agreement(n, judged.size() - n, categories, confusion, kappa, n == 0 ? Double.NaN : (double) hits / n,
        n == 0 ? null : WilsonInterval.of(hits, n, confidence), n == 0 ? Double.NaN : judgeSum / n,
        n == 0 ? Double.NaN : humanSum / n, bias, raters.size() >= 2 ? raters : List.of(), fleiss, alphaNominal,
        alphaInterval, confidence, panel);
  }

  private static List<String> raters(List<Judged> judged) {
    TreeSet<String> names = new TreeSet<>();
    judged.forEach(j -> names.addAll(j.humans().keySet()));
    return List.copyOf(names);
  }

  /** Fleiss' κ of items rated the same number of times (one array of ratings per item). */
  private static double fleiss(List<double[]> items) {
    TreeSet<Double> values = new TreeSet<>();
    items.forEach(r -> java.util.Arrays.stream(r).forEach(values::add));
    List<Double> order = new ArrayList<>(values);
    int[][] counts = new int[items.size()][values.size()];
    for (int i = 0; i < items.size(); i++) {
      for (double v : items.get(i)) {
        counts[i][order.indexOf(v)]++;
      }
    }
    return items.isEmpty() ? Double.NaN : FleissKappa.of(counts).kappa();
  }

  /** The normal interval of a mean, with the sample standard deviation. */
  private static ConfidenceInterval meanInterval(double[] x, double confidence) {
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    double se = Math.sqrt(ss / (x.length - 1) / x.length);
    double z = Confidence.normalQuantile(1 - (1 - confidence) / 2);
    return new ConfidenceInterval(mean - z * se, mean + z * se, confidence);
  }

  /** Precision of the judge for category {@code c}: of the answers it put there, the share humans did. */
  public double precision(int c) {
    long col = 0;
    for (long[] row : confusion) {
      col += row[c];
    }
    return col == 0 ? Double.NaN : (double) confusion[c][c] / col;
  }

  /** Recall of the judge for category {@code c}: of the answers humans put there, the share it did. */
  public double recall(int c) {
    long row = 0;
    for (long v : confusion[c]) {
      row += v;
    }
    return row == 0 ? Double.NaN : (double) confusion[c][c] / row;
  }

  /** The judge's mean minus the humans' mean. */
  public double bias() {
    return judgeMean - humanMean;
  }

  /** Everything as JSON: what {@code assay judge calibrate --format json} prints and a calibration keeps. */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("items", n);
    o.put("no_consensus", noConsensus);
    o.put("confidence", confidence);
    JsonFields.number(o, "accuracy", accuracy);
    JsonFields.interval(o, "accuracy_ci", accuracyInterval);
    ObjectNode kappas = o.putObject("kappa");
    kappa.forEach((w, v) -> {
      ObjectNode e = kappas.putObject(w.wire());
      JsonFields.number(e, "estimate", v.estimate());
      JsonFields.number(e, "standard_error", v.standardError());
      JsonFields.interval(e, "ci", v.interval(confidence));
    });
    ObjectNode matrix = o.putObject("confusion");
    ArrayNode cats = matrix.putArray("categories");
    for (double c : categories) {
      cats.add(c);
    }
    matrix.put("rows", "human");
    matrix.put("columns", "judge");
    ArrayNode rows = matrix.putArray("counts");
    for (long[] row : confusion) {
      ArrayNode r = rows.addArray();
      for (long v : row) {
        r.add(v);
      }
    }
    ArrayNode classes = o.putArray("classes");
    for (int c = 0; c < categories.length; c++) {
      ObjectNode e = classes.addObject();
      e.put("value", categories[c]);
      JsonFields.number(e, "precision", precision(c));
      JsonFields.number(e, "recall", recall(c));
    }
    ObjectNode bias = o.putObject("bias");
    JsonFields.number(bias, "judge_mean", judgeMean);
    JsonFields.number(bias, "human_mean", humanMean);
    JsonFields.number(bias, "difference", bias());
    JsonFields.interval(bias, "ci", biasInterval);
    if (!raters.isEmpty()) {
      ObjectNode h = o.putObject("human_agreement");
      raters.forEach(h.putArray("raters")::add);
      JsonFields.number(h, "fleiss_kappa", fleissKappa);
      JsonFields.number(h, "krippendorff_alpha_nominal", alphaNominal);
      JsonFields.number(h, "krippendorff_alpha_interval", alphaInterval);
    }
    if (panel != null) {
      ObjectNode p = o.putObject("panel_agreement");
      p.put("members", panel.members());
      JsonFields.number(p, "fleiss_kappa", panel.fleissKappa());
      JsonFields.number(p, "krippendorff_alpha_nominal", panel.alphaNominal());
      JsonFields.number(p, "krippendorff_alpha_interval", panel.alphaInterval());
    }
    return o;
  }
}
