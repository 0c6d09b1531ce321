package dev.assay.registry;

import dev.assay.core.InputException;
import dev.assay.core.RunRecord;
import dev.assay.core.Store;
import dev.assay.core.Verdict;
import dev.assay.core.VerdictRecord;
import dev.assay.core.registry.ModelVersion;
import dev.assay.core.registry.PolicyRecord;
import dev.assay.gate.GateLoader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges a promotion against a policy and the stored verdicts (docs/registry.md "Promotion").
 *
 * <p>For each requirement, a verdict counts when it is of the requirement's suite, its candidate
 * is a run of the candidate version, its baseline a run of the alias's current holder (unless the
 * requirement says any baseline, or no version holds the alias yet), it applied the suite's gate as
 * it is now (or the requirement's gate file), and it is fresh: its runs started after the
 * candidate was registered, it was made on the suite's dataset as it is now, within the maximum
 * age, and pre-registered when asked. The newest counting verdict decides: PASS meets the
 * requirement; FAIL and INCONCLUSIVE do not (INCONCLUSIVE is not PASS). A later PASS therefore
 * overrides an earlier FAIL of the same comparison; the stale and superseded verdicts are listed so
 * that re-running until PASS is visible.
 */
public final class PromotionEvaluator {
  private final Store store;
  private final CurrentSuite.Source suites;
  private final Clock clock;

  public PromotionEvaluator(Store store, CurrentSuite.Source suites, Clock clock) {
    this.store = store;
    this.suites = suites;
    this.clock = clock;
  }

  /**
   * @param policy the model's policy, null when it has none (then nothing is allowed)
   * @param candidate the version to promote
   * @param holder the version holding the alias now, null when none does
   */
  public Promotion evaluate(PolicyRecord policy, ModelVersion candidate, String alias, ModelVersion holder) {
    Integer holderNumber = holder == null ? null : holder.number();
    if (policy == null) {
      return new Promotion(candidate.model(), candidate.number(), alias, holderNumber, 0, true, List.of());
    }
    PromotionPolicy rules = PromotionPolicy.of(policy);
    if (!rules.governs(alias)) {
      return new Promotion(candidate.model(), candidate.number(), alias, holderNumber, policy.revision(), false,
          List.of());
    }
    List<RunRecord> runs = store.runs();
    Set<String> candidateRuns = runsOf(runs, candidate);
    Set<String> holderRuns = holder == null ? Set.of() : runsOf(runs, holder);
    Map<String, Instant> starts = new HashMap<>();
    runs.forEach(r -> starts.put(r.runId(), r.startedAt()));
    List<Promotion.Outcome> outcomes = new ArrayList<>();
    for (PromotionPolicy.Requirement req : rules.requirements()) {
      outcomes.add(judge(req, rules.freshness(), candidate, holder, candidateRuns, holderRuns, starts));
    }
    return new Promotion(candidate.model(), candidate.number(), alias, holderNumber, policy.revision(), true,
        outcomes);
  }

  private static Set<String> runsOf(List<RunRecord> runs, ModelVersion version) {
    return runs.stream().filter(version::evaluatedBy).map(RunRecord::runId).collect(Collectors.toSet());
  }

  private Promotion.Outcome judge(PromotionPolicy.Requirement req, PromotionPolicy.Freshness fresh,
      ModelVersion candidate, ModelVersion holder, Set<String> candidateRuns, Set<String> holderRuns,
      Map<String, Instant> starts) {
    CurrentSuite now;
    String gateHash;
    try {
      now = suites.read(req.suite());
      gateHash = req.gate() == null ? now.gateHash() : GateLoader.fromFile(req.gate()).hash();
    } catch (InputException e) {
      return unmet(req, "cannot read the suite or gate as it is now: " + e.render(), List.of());
    }
    if (gateHash == null) {
      return unmet(req, "the suite has no gate section and the requirement names no gate file", List.of());
    }
    List<VerdictRecord> verdicts = new ArrayList<>(store.verdicts(new VerdictRecord.Query(now.name(), null, 0)));
    verdicts.sort(Comparator.comparing(VerdictRecord::createdAt).thenComparing(VerdictRecord::id).reversed());
    Instant oldest = fresh.maxAge() == null ? null : clock.instant().minus(fresh.maxAge());
    List<String> stale = new ArrayList<>();
    VerdictRecord deciding = null;
    for (VerdictRecord v : verdicts) {
      if (v.candidateRun() == null || !candidateRuns.contains(v.candidateRun())) {
        continue; // about another system: not evidence for or against this version
      }
      String why = whyNotCounted(v, req, fresh, candidate, holder, holderRuns, gateHash, now, oldest, starts);
      if (why != null) {
        stale.add(v.id() + " (" + v.verdict() + "): " + why);
      } else if (deciding == null) {
        deciding = v;
      } else {
        stale.add(v.id() + " (" + v.verdict() + "): superseded by the newer " + deciding.id());
      }
    }
    String against = holder == null || req.baseline() == PromotionPolicy.Baseline.ANY ? "" : " against version "
        + holder.number();
    if (deciding == null) {
      return unmet(req, "no fresh verdict of suite '" + now.name() + "' with version " + candidate.number()
          + " as candidate" + against + (stale.isEmpty() ? "" : " (" + stale.size() + " not counted)"), stale);
    }
    if (deciding.verdict() == Verdict.PASS) {
      return new Promotion.Outcome(req, true, deciding.id(), deciding.verdict(), "verdict " + deciding.id()
          + " PASS" + against, stale);
    }
    String more = deciding.verdict() == Verdict.INCONCLUSIVE ? " (INCONCLUSIVE is not PASS: the evidence is too thin)"
        : "";
    return new Promotion.Outcome(req, false, deciding.id(), deciding.verdict(), "the newest fresh verdict, "
        + deciding.id() + ", is " + deciding.verdict() + more, stale);
  }

  /** The first reason {@code v} does not count, or null when it counts. */
  private static String whyNotCounted(VerdictRecord v, PromotionPolicy.Requirement req,
      PromotionPolicy.Freshness fresh, ModelVersion candidate, ModelVersion holder, Set<String> holderRuns,
      String gateHash, CurrentSuite now, Instant oldest, Map<String, Instant> starts) {
    if (holder != null && req.baseline() == PromotionPolicy.Baseline.HOLDER
        && (v.baselineRun() == null || !holderRuns.contains(v.baselineRun()))) {
      return "its baseline is not a run of version " + holder.number() + ", which holds the alias";
    }
    if (!gateHash.equals(v.gateHash())) {
      return "it applied another gate (sha256 " + abbreviate(v.gateHash()) + ", required " + abbreviate(gateHash)
          + ")";
    }
    if (fresh.currentDataset() && !Objects.equals(now.datasetHash(), v.datasetHash())) {
      return "it was made on dataset " + abbreviate(v.datasetHash()) + ", the suite's dataset is now "
          + abbreviate(now.datasetHash());
    }
    if (fresh.runsAfterRegistration()) {
      for (String run : new String[] {v.baselineRun(), v.candidateRun()}) {
        Instant started = run == null ? null : starts.get(run);
        if (started != null && started.isBefore(candidate.createdAt())) {
          return "run " + run + " started before version " + candidate.number() + " was registered";
        }
      }
    }
    if (oldest != null && v.createdAt().isBefore(oldest)) {
      return "it is older than the policy's max_age";
    }
    if (req.preRegistered() && !"pre_registered".equals(v.planStatus())) {
      return "it was not pre-registered (" + v.planStatus().replace('_', ' ') + ")";
    }
    return null;
  }

  private static Promotion.Outcome unmet(PromotionPolicy.Requirement req, String reason, List<String> stale) {
    return new Promotion.Outcome(req, false, null, null, reason, stale);
  }

  private static String abbreviate(String hash) {
    return hash == null ? "(none)" : hash.substring(0, Math.min(12, hash.length()));
  }
}
