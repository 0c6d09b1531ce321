package dev.assay.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * How well a judge agrees with human labels (docs/judges.md), as the store keeps it: bound to the
 * judge's identity and to the labels it was measured against, so that a gate can tell whether the
 * judge behind a run's scores has been calibrated, and against what.
 *
 * <p>Invariants: {@code id} is unique and time-ordered (like run ids); a record is never changed
 * once stored. {@code judge} is the hash of everything that decides the judge's answers (its model
 * settings, its prompts' text, its scoring parameters; never a secret), the same hash a run records
 * for the judged metric ({@link RunRecord#judges()}), so editing a rubric or changing the model
 * makes every earlier calibration of it stale.
 *
 * @param id the record's id
 * @param createdAt when the calibration was made
 * @param metric the judged metric's name, e.g. {@code hallucination}
 * @param judge the judge's identity hash
 * @param judgeSpec the judge as written (its metric spec), for people
 * @param labelsSource the human labels file as given
 * @param labelsHash sha256 of the labels file's bytes
 * @param items labelled answers the judge scored (those it failed on are left out)
 * @param kappa Cohen's κ of the judge against the humans, by weighting ({@code none}, {@code
 *     linear}, {@code quadratic})
 * @param accuracy the share of items on which the judge gave the humans' label
 * @param assayVersion the assay version that made it
 * @param detail everything else {@code assay judge calibrate --format json} prints: confusion matrix,
 *     per-class precision and recall, the judge's bias, the humans' own agreement, failures
 */
public record CalibrationRecord(String id, Instant createdAt, String metric, String judge, String judgeSpec,
    String labelsSource, String labelsHash, int items, Map<String, KappaValue> kappa, double accuracy,
    String assayVersion, ObjectNode detail) {
  public CalibrationRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(judge, "judge");
    Objects.requireNonNull(labelsHash, "labelsHash");
    kappa = kappa == null ? Map.of() : Map.copyOf(kappa);
    detail = detail == null ? Json.object() : detail.deepCopy();
  }

  /**
   * A κ with its large-sample standard error.
   *
   * @param estimate κ, NaN when undefined
   * @param standardError NaN when undefined
   */
  public record KappaValue(double estimate, double standardError) {}

  /** The detail; a copy, so a stored record cannot be changed through it. */
  @Override
  public ObjectNode detail() {
    return detail.deepCopy();
  }

  /** The first 12 characters of the id, enough to name it to a person. */
  public String shortId() {
    return id.substring(0, Math.min(12, id.length()));
  }

  /**
   * Which stored calibrations to list.
   *
   * @param judge only calibrations of this judge identity, or null for all
   * @param metric only calibrations of this metric, or null for all
   * @param limit at most this many, newest first (0: no limit)
   */
  public record Query(String judge, String metric, int limit) {
    public static final Query ALL = new Query(null, null, 0);

    public static Query ofJudge(String judge) {
      return new Query(judge, null, 0);
    }

    public boolean matches(CalibrationRecord c) {
      return (judge == null || judge.equals(c.judge())) && (metric == null || metric.equals(c.metric()));
    }
  }
}
