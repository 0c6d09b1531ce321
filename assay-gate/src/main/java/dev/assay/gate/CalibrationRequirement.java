package dev.assay.gate;

import dev.assay.stats.agreement.KappaWeights;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A gate's demand that the judge behind a metric be calibrated (docs/judges.md): {@code
 * calibration: {judge: {labels: human.jsonl, min_kappa: 0.6}}}. Every rule on the metric is
 * INCONCLUSIVE, never PASS or FAIL, unless the store holds a calibration of the very judge that
 * scored the runs (same identity: model, rubric text, scale) against the same labels file (same
 * bytes) whose κ reaches {@code minKappa}.
 *
 * @param metric the judged metric
 * @param labels the labels file as written in the gate
 * @param labelsFile {@code labels} resolved against the gate's folder
 * @param minKappa the least acceptable κ, in [-1, 1]
 * @param weights which κ is compared: unweighted, linear or quadratic
 * @param line the line of the requirement in its file
 */
public record CalibrationRequirement(String metric, String labels, Path labelsFile, double minKappa,
    KappaWeights weights, int line) {
  public CalibrationRequirement {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(labelsFile, "labelsFile");
    Objects.requireNonNull(weights, "weights");
    if (!(minKappa >= -1 && minKappa <= 1)) {
      throw new IllegalArgumentException("min_kappa must lie in [-1, 1], got " + minKappa);
    }
  }
}
