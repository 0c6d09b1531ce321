package dev.assay.gate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
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
 */
public record GateResult(Gate gate, Verdict verdict, List<RuleResult> rules, String baseline, String candidate,
    int n, String datasetHash) {
  public GateResult {
    rules = List.copyOf(rules);
  }

  /**
   * {@code {"verdict", "rules", "plan", ...}}. No pre-registered plan exists yet ({@code assay
   * plan} is not implemented), so {@code plan} records what a plan would freeze (the gate and
   * dataset hashes) with {@code "pre_registered": false}.
   */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("verdict", verdict.name());
    o.put("baseline", baseline);
    o.put("candidate", candidate);
    o.put("n", n);
    o.put("confidence", gate.confidence());
    o.put("multiplicity", gate.multiplicity().wire());
    o.put("power", gate.power());
    ArrayNode a = o.putArray("rules");
    rules.forEach(r -> a.add(r.toJson()));
    ObjectNode plan = o.putObject("plan");
    plan.put("pre_registered", false);
    plan.put("gate_hash", gate.hash());
    plan.put("dataset_hash", datasetHash);
    return o;
  }
}
