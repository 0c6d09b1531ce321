package dev.assay.gate;

import dev.assay.core.CalibrationRecord;
import dev.assay.core.Json;
import dev.assay.core.Store;
import dev.assay.core.Verdict;
import dev.assay.core.io.HumanLabels;
import dev.assay.core.io.InputFiles;
import dev.assay.stats.agreement.KappaWeights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a gate's {@link CalibrationRequirement}s to its verdict: a rule on a judged metric keeps
 * its verdict only when the judge that scored the runs has a current calibration meeting the
 * threshold; otherwise it becomes INCONCLUSIVE with the reason. A judge whose rubric, model or
 * scale changed has another identity, so its earlier calibrations no longer count.
 */
final class CalibrationCheck {
  private CalibrationCheck() {}

  /**
   * The statuses of the gate's requirements, by metric, for these sides. The baseline's judge
   * counts only when a rule compares the sides on the metric (at_most / at_least judge the
   * candidate alone).
   */
  static Map<String, CalibrationStatus> statuses(Gate gate, Side baseline, Side candidate, Store store) {
    Map<String, CalibrationStatus> out = new LinkedHashMap<>();
    for (CalibrationRequirement r : gate.calibrations()) {
      boolean paired = gate.rules().stream().anyMatch(x -> x.metric().equals(r.metric())
          && !(x instanceof Rule.Threshold));
      out.put(r.metric(), status(r, paired ? baseline : null, candidate, store));
    }
    return out;
  }

  /** The verdict with every rule on an uncalibrated judge's metric made INCONCLUSIVE. */
  static GateResult apply(GateResult result, Map<String, CalibrationStatus> statuses) {
    if (statuses.isEmpty()) {
      return result;
    }
    List<RuleOutcome> rules = new ArrayList<>();
    for (RuleOutcome o : result.rules()) {
      CalibrationStatus s = statuses.get(o.rule().metric());
      if (s == null || s.met()) {
        rules.add(s != null && s.met() ? withReason(o, o.verdict(), o.reason() + "; " + s.reason()) : o);
        continue;
      }
      rules.add(withReason(o, Verdict.INCONCLUSIVE, "judge not calibrated: " + s.reason() + " (the interval alone "
          + "would say " + o.verdict() + ": " + o.reason() + ")"));
    }
    return new GateResult(result.gate(), Verdict.combine(rules.stream().map(RuleOutcome::verdict).toList()), rules,
        result.baseline(), result.candidate(), result.n(), result.datasetHash(), result.plan(), result.resampling(),
        result.units(), List.copyOf(statuses.values()));
  }

  private static RuleOutcome withReason(RuleOutcome o, Verdict v, String reason) {
    if (o instanceof RuleOutcome.IntervalOutcome i) {
      return i.withVerdict(v, i.adjustedP(), reason);
    }
    RuleOutcome.RegressionOutcome r = (RuleOutcome.RegressionOutcome) o;
    return new RuleOutcome.RegressionOutcome(r.rule(), v, r.direction(), r.n(), r.regressed(), reason);
  }

  private static CalibrationStatus status(CalibrationRequirement r, Side baseline, Side candidate, Store store) {
    String labelsHash = Json.sha256(InputFiles.readAll(r.labelsFile(), r.labels(), "a human labels file",
        HumanLabels.MAX_BYTES));
    Optional<String> missing = identityProblem(r.metric(), candidate, "candidate");
    if (missing.isEmpty() && baseline != null) {
      missing = identityProblem(r.metric(), baseline, "baseline");
    }
    if (missing.isPresent()) {
      return new CalibrationStatus(r, false, null, missing.get());
    }
    String judge = candidate.run().judges().get(r.metric());
    if (baseline != null && !judge.equals(baseline.run().judges().get(r.metric()))) {
      return new CalibrationStatus(r, false, null, "baseline and candidate were scored by different judges ("
          + shortHash(baseline.run().judges().get(r.metric())) + " and " + shortHash(judge) + ")");
    }
    List<CalibrationRecord> ofJudge = store.calibrations(new CalibrationRecord.Query(judge, r.metric(), 0));
    Optional<CalibrationRecord> current = ofJudge.stream().filter(c -> c.labelsHash().equals(labelsHash)).findFirst();
    if (current.isEmpty()) {
      boolean stale = !store.calibrations(new CalibrationRecord.Query(null, r.metric(), 1)).isEmpty();
      String why = ofJudge.isEmpty()
          ? "no calibration of judge " + shortHash(judge) + (stale ? " (the stored calibrations of '" + r.metric()
              + "' are of another judge: its rubric, model or scale changed since)" : "")
          : "judge " + shortHash(judge) + " was calibrated against other labels than " + r.labels()
              + " as it is now";
      return new CalibrationStatus(r, false, null, why + "; run 'assay judge calibrate SUITE --labels " + r.labels()
          + "'");
    }
    CalibrationRecord c = current.get();
    double kappa = kappa(c, r);
    String k = r.weights() == KappaWeights.NONE ? "kappa" : r.weights().wire() + " kappa";
    if (!(kappa >= r.minKappa())) {
      return new CalibrationStatus(r, false, c, String.format(Locale.ROOT,
          "calibration %s: %s %s is below min_kappa %s", c.shortId(), k, Double.isNaN(kappa) ? "undefined" : JsonNumbers.text(kappa), JsonNumbers.text(r.minKappa())));
    }
    return new CalibrationStatus(r, true, c, String.format(Locale.ROOT,
        "judge calibrated (%s %s >= %s, calibration %s)", k, JsonNumbers.text(kappa), JsonNumbers.text(r.minKappa()), c.shortId()));
  }

  static double kappa(CalibrationRecord c, CalibrationRequirement r) {
    CalibrationRecord.KappaValue v = c.kappa().get(r.weights().wire());
    return v == null ? Double.NaN : v.estimate();
  }

  private static Optional<String> identityProblem(String metric, Side side, String role) {
    if (side.run() == null) {
      return Optional.of("the " + role + " is a score file, which does not say which judge scored it");
    }
    if (!side.run().judges().containsKey(metric)) {
      return Optional.of("the " + role + " run " + side.source() + " recorded no judge for '" + metric
          + "' (not a judge metric, or made before runs recorded their judges)");
    }
    return Optional.empty();
  }

  private static String shortHash(String h) {
    return h == null ? "(none)" : h.substring(0, Math.min(12, h.length()));
  }
}
