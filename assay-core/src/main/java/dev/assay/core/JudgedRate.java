package dev.assay.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.io.HumanLabels;
import dev.assay.stats.ConfidenceInterval;
import dev.assay.stats.ppi.MeanEstimate;
import dev.assay.stats.ppi.PredictionPoweredMean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A judge-scored rate (hallucination, factuality, success) estimated from a run's judge scores and
 * human labels of a subset of its answers, by prediction-powered inference (docs/judges.md): the
 * PPI and PPI++ estimates with the human-only and judge-only ones beside them, for one run or for
 * the paired difference of two (candidate minus baseline, per example).
 *
 * <p>An example is labelled when the human labels file holds labels of exactly the answer the run
 * gave (for a difference: of both runs' answers); its human value is the raters' mean. Examples
 * without such labels are the unlabelled set. Only repeat 0 of each example counts. PPI assumes the
 * labelled examples are a uniformly random subset of the run's: label a random sample.
 *
 * @param metric the judged metric
 * @param paired whether the estimate is a difference of two runs
 * @param confidence the intervals' level
 * @param estimates human_only, judge_only, ppi, ppi++, in that order
 */
public record JudgedRate(String metric, boolean paired, double confidence, List<MeanEstimate> estimates) {
  /** The estimate of {@code method}. */
  public MeanEstimate estimate(String method) {
    return estimates.stream().filter(e -> e.method().equals(method)).findFirst().orElseThrow();
  }

  /** Estimates a run's rate of {@code metric}. */
  public static JudgedRate of(RunRecord run, List<ExampleResult> results, HumanLabels labels, String metric,
      double confidence) {
    return of(null, List.of(), run, results, labels, metric, confidence);
  }

  /**
   * Estimates a rate (when {@code baseline} is null) or the paired difference candidate minus
   * baseline.
   *
   * @throws InputException when fewer than two examples are labelled or unlabelled
   */
  public static JudgedRate of(RunRecord baseline, List<ExampleResult> baselineResults, RunRecord candidate,
      List<ExampleResult> candidateResults, HumanLabels labels, String metric, double confidence) {
    Map<String, double[]> cand = values(candidateResults, labels, metric);
    Map<String, double[]> base = baseline == null ? null : values(baselineResults, labels, metric);
    List<Double> y = new ArrayList<>();
    List<Double> f = new ArrayList<>();
    List<Double> rest = new ArrayList<>();
    cand.forEach((id, c) -> {
      double[] b = base == null ? new double[] {0, 0} : base.get(id);
      if (b == null) {
        return;
      }
      double judged = c[0] - b[0];
      if (!Double.isNaN(c[1]) && !Double.isNaN(b[1])) {
        y.add(c[1] - b[1]);
        f.add(judged);
      } else {
        rest.add(judged);
      }
    });
    String what = baseline == null ? "answers of run " + candidate.runId()
        : "examples answered by both runs";
    if (y.size() < 2) {
      throw new InputException(labels.source(), 0, "label", y.size() + " of the " + what + " have human labels of the"
          + " very answer given" + (baseline == null ? "" : " (in both runs)"),
          "at least 2 labelled answers (labels bind to the exact output: label the run's own answers)");
    }
    if (rest.size() < 2) {
      throw new InputException(labels.source(), 0, "label", "only " + rest.size() + " of the " + what
          + " lack human labels", "at least 2 answers scored by the judge alone (PPI needs an unlabelled set)");
    }
    double[] ys = unbox(y);
    double[] fs = unbox(f);
    double[] fu = unbox(rest);
    return new JudgedRate(metric, baseline != null, confidence, List.of(PredictionPoweredMean.humanOnly(ys),
        PredictionPoweredMean.judgeOnly(fs, fu), PredictionPoweredMean.ppi(ys, fs, fu),
        PredictionPoweredMean.ppiPlusPlus(ys, fs, fu)));
  }

  /** Per example id: {judge value, human value or NaN}, for repeat 0 with a judge value. */
  private static Map<String, double[]> values(List<ExampleResult> results, HumanLabels labels, String metric) {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (ExampleResult r : results) {
      Double v = r.value(metric);
      if (r.repeat() != 0 || v == null || r.output() == null) {
        continue;
      }
      String text = new Output(r.output(), null, null, null, null).text();
      Optional<HumanLabels.Item> item = labels.item(r.id(), text);
      out.put(r.id(), new double[] {v, item.map(HumanLabels.Item::mean).orElse(Double.NaN)});
    }
    return out;
  }

  private static double[] unbox(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** {@code {metric, paired, confidence, labelled, unlabelled, estimates: [{method, estimate, standard_error, ci, lambda}]}}. */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("metric", metric);
    o.put("estimand", paired ? "difference (candidate - baseline)" : "rate");
    o.put("confidence", confidence);
    o.put("labelled", estimates.get(0).labelled());
    o.put("unlabelled", estimates.get(1).unlabelled());
    ArrayNode a = o.putArray("estimates");
    for (MeanEstimate e : estimates) {
      ObjectNode x = a.addObject();
      x.put("method", e.method());
      put(x, "estimate", e.estimate());
      put(x, "standard_error", e.standardError());
      ConfidenceInterval ci = e.interval(confidence);
      if (ci == null) {
        x.putNull("ci");
      } else {
        x.putArray("ci").add(ci.lower()).add(ci.upper());
      }
      put(x, "lambda", e.lambda());
    }
    return o;
  }

  private static void put(ObjectNode o, String field, double v) {
    if (Double.isFinite(v)) {
      o.put(field, v);
    } else {
      o.putNull(field);
    }
  }
}
