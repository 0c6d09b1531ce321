package dev.assay.gate;

import dev.assay.core.Plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.core.text.HumanTime;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Whether a verdict was reached under a plan.
 *
 * <p>Rules, in order: with no dataset hash, or no plan for the dataset, there is {@link
 * PlanStatus#NO_PLAN no plan}. A plan whose dataset hash and gate hash both match and whose
 * {@code created_at} is strictly before the earliest start of the runs makes the verdict {@link
 * PlanStatus#PRE_REGISTERED pre-registered} (the earliest such plan is cited). Otherwise the
 * verdict is {@link PlanStatus#POST_HOC post hoc}: a matching plan came at or after the runs (or
 * their start is unknown, as for score files), or the gate was changed after the dataset's plan.
 *
 * @param status the judgement
 * @param plan the plan cited, null when there is none
 * @param gateHash the hash of the gate applied
 * @param datasetHash the hash of the data judged, null when unknown
 * @param runsStarted the earliest start of the runs judged, null when unknown
 * @param reason one sentence a person can check
 */
public record PlanCheck(PlanStatus status, Plan plan, String gateHash, String datasetHash, Instant runsStarted,
    String reason) {
  public PlanCheck {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    if ((status == PlanStatus.NO_PLAN) != (plan == null)) {
      throw new IllegalArgumentException("a plan is cited exactly when the status is not no_plan");
    }
  }

  /** The state of a verdict whose plans were not looked up (a gate judged in code). */
  public static PlanCheck notLookedUp(String gateHash, String datasetHash) {
    return new PlanCheck(PlanStatus.NO_PLAN, null, gateHash, datasetHash, null, "no plans were looked up");
  }

  /**
   * Judges a verdict against {@code plans}.
   *
   * @param gateHash the applied gate's hash (null for a gate built in code: it matches no plan)
   * @param datasetHash the data's hash, null when unknown
   * @param runsStarted the earliest start of the runs, null when unknown
   */
  public static PlanCheck judge(Collection<Plan> plans, String gateHash, String datasetHash, Instant runsStarted) {
    if (datasetHash == null) {
      return new PlanCheck(PlanStatus.NO_PLAN, null, gateHash, null, runsStarted,
          "the dataset's hash is unknown, so no plan can be matched");
    }
    List<Plan> sameData = plans.stream().filter(p -> p.datasetHash().equals(datasetHash))
        .sorted(Comparator.comparing(Plan::createdAt).thenComparing(Plan::hash)).toList();
    if (sameData.isEmpty()) {
      return new PlanCheck(PlanStatus.NO_PLAN, null, gateHash, datasetHash, runsStarted,
          "no plan names this dataset (make one with assay plan before the runs)");
    }
    List<Plan> sameGate = sameData.stream().filter(p -> p.gateHash().equals(gateHash)).toList();
    if (runsStarted != null) {
      for (Plan p : sameGate) {
        if (p.createdAt().isBefore(runsStarted)) {
          return new PlanCheck(PlanStatus.PRE_REGISTERED, p, gateHash, datasetHash, runsStarted,
              "plan " + p.shortHash() + " of " + HumanTime.of(p.createdAt()) + " froze this gate and dataset before the runs"
                  + " started (" + runsStarted + ")");
        }
      }
    }
    if (!sameGate.isEmpty()) {
      Plan p = sameGate.get(0);
      String why = runsStarted == null
          ? "the runs' start is unknown, so plan " + p.shortHash() + " of " + HumanTime.of(p.createdAt())
              + " cannot be shown to precede them"
          : "plan " + p.shortHash() + " was made at " + HumanTime.of(p.createdAt())
              + ", after the runs started (" + HumanTime.of(runsStarted) + ")";
      return new PlanCheck(PlanStatus.POST_HOC, p, gateHash, datasetHash, runsStarted, why);
    }
    Plan latest = sameData.get(sameData.size() - 1);
    return new PlanCheck(PlanStatus.POST_HOC, latest, gateHash, datasetHash, runsStarted,
        "the gate differs from the one plan " + latest.shortHash() + " froze for this dataset (gate sha256 "
            + abbreviate(latest.gateHash()) + " planned, " + abbreviate(gateHash) + " applied)");
  }

  public boolean preRegistered() {
    return status == PlanStatus.PRE_REGISTERED;
  }

  /** {@code {"status", "pre_registered", "reason", "gate_hash", "dataset_hash", "runs_started", "plan_hash", "created_at", "hypothesis"}}. */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("status", status.wire());
    o.put("pre_registered", preRegistered());
    o.put("reason", reason);
    o.put("gate_hash", gateHash);
    o.put("dataset_hash", datasetHash);
    o.put("runs_started", runsStarted == null ? null : runsStarted.toString());
    o.put("plan_hash", plan == null ? null : plan.hash());
    o.put("created_at", plan == null ? null : plan.createdAt().toString());
    o.put("hypothesis", plan == null ? null : plan.hypothesis());
    return o;
  }

  /** One line for text outputs: the status, then the plan and hypothesis when there is one. */
  public String summary() {
    StringBuilder sb = new StringBuilder(status.label()).append(": ").append(reason);
    if (plan != null) {
      sb.append("; hypothesis: \"").append(plan.hypothesis()).append('"');
    }
    return sb.toString();
  }

  private static String abbreviate(String hash) {
    return hash == null ? "none" : hash.substring(0, Math.min(12, hash.length()));
  }
}
