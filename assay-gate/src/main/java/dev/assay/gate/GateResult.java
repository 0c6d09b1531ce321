package dev.assay.gate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.core.Verdict;
import java.util.List;

/**
 * A gate's verdict with every rule's judgement.
 *
 * @param gate the gate applied
 * @param verdict FAIL if any rule failed, else INCONCLUSIVE if any was inconclusive, else PASS
 * @param rules in the gate's order
 * @param baseline names the baseline
 * @param candidate names the candidate
 * @param n examples on both sides
 * @param datasetHash the dataset's sha256 when known (null otherwise)
 * @param plan whether the verdict was reached under a plan ({@link PlanCheck#notLookedUp} until
 *     a caller that knows the store's plans sets it with {@link #withPlan})
 * @param resampling the resampling unit of every rule: {@code example} or {@code cluster:FIELD}
 * @param units resampling units among the paired examples (examples, or clusters)
 * @param calibrations the status of each of the gate's calibration requirements
 */
public record GateResult(Gate gate, Verdict verdict, List<RuleOutcome> rules, String baseline, String candidate,
    int n, String datasetHash, PlanCheck plan, String resampling, int units, List<CalibrationStatus> calibrations) {
  public GateResult {
    rules = List.copyOf(rules);
    calibrations = calibrations == null ? List.of() : List.copyOf(calibrations);
    plan = plan == null ? PlanCheck.notLookedUp(gate.hash(), datasetHash) : plan;
    resampling = resampling == null ? "example" : resampling;
  }

  /** A verdict of a gate without calibration requirements. */
  public GateResult(Gate gate, Verdict verdict, List<RuleOutcome> rules, String baseline, String candidate,
      int n, String datasetHash, PlanCheck plan, String resampling, int units) {
    this(gate, verdict, rules, baseline, candidate, n, datasetHash, plan, resampling, units, List.of());
  }

  /** A verdict over examples whose plans have been looked up (or not, when {@code plan} is null). */
  public GateResult(Gate gate, Verdict verdict, List<RuleOutcome> rules, String baseline, String candidate,
      int n, String datasetHash, PlanCheck plan) {
    this(gate, verdict, rules, baseline, candidate, n, datasetHash, plan, "example", n);
  }

  /** A verdict over examples whose plans have not been looked up yet. */
  public GateResult(Gate gate, Verdict verdict, List<RuleOutcome> rules, String baseline, String candidate, int n,
      String datasetHash) {
    this(gate, verdict, rules, baseline, candidate, n, datasetHash, null);
  }

  /** The same verdict, stating how it relates to the store's plans. */
  public GateResult withPlan(PlanCheck check) {
    return new GateResult(gate, verdict, rules, baseline, candidate, n, datasetHash, check, resampling, units,
        calibrations);
  }

  /** {@code {"verdict", "rules", "plan", ...}}; {@code plan} is {@link PlanCheck#toJson()}. */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("verdict", verdict.name());
    o.put("baseline", baseline);
    o.put("candidate", candidate);
    o.put("n", n);
    o.put("resampling", resampling);
    if (!resampling.equals("example")) {
      o.put("clusters", units);
    }
    o.put("confidence", gate.confidence());
    o.put("multiplicity", gate.multiplicity().wire());
    o.put("power", gate.power());
    ArrayNode a = o.putArray("rules");
    rules.forEach(r -> a.add(r.toJson()));
    o.set("plan", plan.toJson());
    if (!calibrations.isEmpty()) {
      ArrayNode c = o.putArray("calibrations");
      calibrations.forEach(x -> c.add(x.toJson()));
    }
    return o;
  }
}
