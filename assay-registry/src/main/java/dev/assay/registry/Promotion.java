package dev.assay.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.core.Verdict;
import java.util.List;

/**
 * What the policy says about moving an alias to a version: every requirement with its outcome.
 *
 * @param model the model
 * @param version the candidate version
 * @param alias the alias
 * @param holder the version holding the alias now, null when none does
 * @param policyRevision the policy revision applied, 0 when the model has none
 * @param governed whether the policy governs this alias (when not, nothing is required)
 * @param outcomes one per requirement, in the policy's order
 */
public record Promotion(String model, int version, String alias, Integer holder, int policyRevision, boolean governed,
    List<Outcome> outcomes) {
  public Promotion {
    outcomes = List.copyOf(outcomes);
  }

  /**
   * One requirement judged.
   *
   * @param requirement the requirement
   * @param met whether a fresh verdict PASSes it
   * @param verdictId the deciding verdict (the newest fresh one), null when there is none
   * @param verdict its outcome, null when there is none
   * @param reason why the requirement is met or not, in one sentence
   * @param stale verdicts of the candidate in this suite that do not count, each with the reason
   */
  public record Outcome(PromotionPolicy.Requirement requirement, boolean met, String verdictId, Verdict verdict,
      String reason, List<String> stale) {
    public Outcome {
      stale = List.copyOf(stale);
    }

    public ObjectNode toJson() {
      ObjectNode o = requirement.toJson();
      o.put("met", met);
      o.put("verdict_id", verdictId);
      o.put("verdict", verdict == null ? null : verdict.name());
      o.put("reason", reason);
      ArrayNode s = o.putArray("not_counted");
      stale.forEach(s::add);
      return o;
    }
  }

  /** Whether the stored verdicts allow the move: every requirement met (true when there is no model policy to apply). */
  public boolean allowed() {
    return policyRevision > 0 && (!governed || outcomes.stream().allMatch(Outcome::met));
  }

  /** The ids of the verdicts that met the requirements. */
  public List<String> evidence() {
    return outcomes.stream().filter(Outcome::met).map(Outcome::verdictId).toList();
  }

  /** Why the move is refused, one line per unmet requirement; empty when allowed. */
  public List<String> unmet() {
    if (policyRevision == 0) {
      return List.of("model '" + model + "' has no promotion policy (assay models policy " + model + " POLICY.yaml)");
    }
    return outcomes.stream().filter(o -> !o.met()).map(o -> o.requirement().written() + ": " + o.reason()).toList();
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("model", model);
    o.put("version", version);
    o.put("alias", alias);
    if (holder == null) {
      o.putNull("holder");
    } else {
      o.put("holder", holder);
    }
    o.put("policy_revision", policyRevision);
    o.put("governed", governed);
    o.put("allowed", allowed());
    ArrayNode a = o.putArray("requirements");
    outcomes.forEach(x -> a.add(x.toJson()));
    ArrayNode u = o.putArray("unmet");
    unmet().forEach(u::add);
    return o;
  }
}
