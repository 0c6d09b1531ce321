package dev.assay.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A gate verdict as the store keeps it: who was compared, under which gate, data and plan, with
 * what outcome, and the full judgement of every rule ({@code detail}).
 *
 * <p>Invariants: {@code id} is unique and time-ordered (like run ids); a verdict is never changed
 * once stored. Run ids are null for sides that were files (a run export, a score file); {@code
 * baselineSource} / {@code candidateSource} always name the side.
 *
 * @param id the verdict's id
 * @param createdAt when the verdict was reached
 * @param verdict PASS, FAIL or INCONCLUSIVE
 * @param suiteName the suite of the runs, null when unknown
 * @param baselineSystem the baseline's system name, null when unknown
 * @param candidateSystem the candidate's system name, null when unknown
 * @param baselineRun the baseline's run id, null for a file
 * @param candidateRun the candidate's run id, null for a file
 * @param baselineSource how the baseline was named (run id or file)
 * @param candidateSource how the candidate was named
 * @param gateHash sha256 of the gate applied
 * @param datasetHash the dataset's hash, null when unknown
 * @param planStatus {@code pre_registered}, {@code post_hoc} or {@code no_plan}
 * @param planHash the plan cited, null when none
 * @param assayVersion the assay version that reached the verdict
 * @param detail the verdict as {@code assay gate --format json} prints it: rules, estimates,
 *     intervals, p-values, reasons, plan
 */
public record VerdictRecord(String id, Instant createdAt, Verdict verdict, String suiteName, String baselineSystem,
    String candidateSystem, String baselineRun, String candidateRun, String baselineSource, String candidateSource,
    String gateHash, String datasetHash, String planStatus, String planHash, String assayVersion, ObjectNode detail) {
  public VerdictRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(baselineSource, "baselineSource");
    Objects.requireNonNull(candidateSource, "candidateSource");
    Objects.requireNonNull(planStatus, "planStatus");
    detail = detail == null ? Json.object() : detail.deepCopy();
  }

  /** The detail; a copy, so a stored verdict cannot be changed through it. */
  @Override
  public ObjectNode detail() {
    return detail.deepCopy();
  }

  /** Whether the verdict concerns {@code runId} as baseline or candidate. */
  public boolean involves(String runId) {
    return runId.equals(baselineRun) || runId.equals(candidateRun);
  }

  /**
   * Which stored verdicts to list.
   *
   * @param suite only verdicts of this suite, or null for all
   * @param system only verdicts with this system as baseline or candidate, or null for all
   * @param limit at most this many, newest first (0: no limit)
   */
  public record Query(String suite, String system, int limit) {
    public static final Query ALL = new Query(null, null, 0);

    public boolean matches(VerdictRecord v) {
      return (suite == null || suite.equals(v.suiteName()))
          && (system == null || system.equals(v.baselineSystem()) || system.equals(v.candidateSystem()));
    }
  }
}
