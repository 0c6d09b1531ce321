package dev.assay.registry.audit;

import dev.assay.core.CalibrationRecord;
import dev.assay.core.Dataset;
import dev.assay.core.ExampleResult;
import dev.assay.core.Plan;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Store;
import dev.assay.core.VerdictRecord;
import dev.assay.core.audit.AuditEntry;
import dev.assay.core.audit.AuditEvent;
import dev.assay.core.audit.AuditLog;
import dev.assay.core.audit.Subjects;
import dev.assay.core.registry.AliasMove;
import dev.assay.core.registry.Model;
import dev.assay.core.registry.ModelVersion;
import dev.assay.core.registry.PolicyRecord;
import dev.assay.core.registry.Registry;
import dev.assay.core.registry.Reproduction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@link Store} and {@link Registry} that append one audit entry for every state change they
 * pass on: the one place that sees every change, so no caller can forget to audit (docs/audit.md).
 *
 * <p>What is recorded: a run created, resumed, completed, failed, aborted, changed after it
 * finished, or deleted; a dataset, verdict or plan stored; a model, version or policy revision
 * registered; an alias moved (promotion, override, rollback); a rerun verification. Per-example
 * appends are not entries of their own: a finished run's entry hashes its results. Reads pass
 * straight through.
 *
 * <p>Each entry is appended after the change it records has been stored; a process killed
 * between the two leaves a change without its entry, which {@code assay audit verify} reports as
 * an object missing from the log, never silently.
 *
 * <p>Thread-safe when the wrapped store, registry and log are.
 */
public final class AuditedStore implements Store, Registry {
  private final Store store;
  private final Registry registry;
  private final AuditLog log;
  private final Supplier<String> actor;
  private final Clock clock;

  private AuditedStore(Store store, Registry registry, AuditLog log, Supplier<String> actor, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.log = Objects.requireNonNull(log, "log");
    this.actor = Objects.requireNonNull(actor, "actor");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Wraps a store, its registry and its log, starting the log first if it was never started: an
   * {@code audit.started} entry, then one {@code *.adopted} entry for each run, dataset, plan,
   * verdict, calibration and registry record already stored (so that a store made before the log existed
   * verifies too).
   *
   * @param actor who makes the changes (an {@link dev.assay.registry.Actor} name)
   */
  public static AuditedStore open(Store store, Registry registry, AuditLog log, String actor, Clock clock) {
    Objects.requireNonNull(actor, "actor");
    AuditedStore audited = new AuditedStore(store, registry, log, () -> actor, clock);
    if (!log.started()) {
      log.start(clock.instant(), actor, audited.adoption());
    }
    return audited;
  }

  /** The same store, recording changes as {@code otherActor} (a server's per-request view). */
  public AuditedStore as(String otherActor) {
    Objects.requireNonNull(otherActor, "otherActor");
    return new AuditedStore(store, registry, log, () -> otherActor, clock);
  }

  /**
   * The same store, asking {@code who} for the actor at each change: a server whose one store
   * object serves many callers records each change in the name of the caller whose request made
   * it. {@code who} must never return null or a blank name.
   */
  public AuditedStore actedBy(Supplier<String> who) {
    return new AuditedStore(store, registry, log, Objects.requireNonNull(who, "who"), clock);
  }

  /** The log, for reading ({@code assay audit list|export|verify}). */
  public AuditLog log() {
    return log;
  }

  /** The store underneath, for reading only (the verifier compares the log against it). */
  public Store unaudited() {
    return store;
  }

  /** The registry underneath, for reading only. */
  public Registry unauditedRegistry() {
    return registry;
  }

  public String actor() {
    return actor.get();
  }

  /** Appends an entry for a change made elsewhere (a token created on the server, a checkpoint taken). */
  public AuditEntry record(AuditEvent event) {
    return log.append(clock.instant(), actor.get(), event);
  }

  private List<AuditEvent> adoption() {
    List<AuditEvent> events = new ArrayList<>();
    events.add(AuditEvent.of("audit.started", null, Subjects.log()));
    List<RunRecord> runs = new ArrayList<>(store.runs());
    runs.sort(Comparator.comparing(RunRecord::runId));
    Set<String> datasets = new LinkedHashSet<>();
    for (RunRecord r : runs) {
      if (r.datasetHash() != null && store.dataset(r.datasetHash()).isPresent()) {
        datasets.add(r.datasetHash());
      }
    }
    datasets.forEach(h -> events.add(AuditEvent.of("dataset.adopted", h, Subjects.dataset(h))));
    runs.forEach(r -> events.add(AuditEvent.of("run.adopted", AuditContent.run(store, r), Subjects.run(r.runId()))));
    store.plans().forEach(p -> events.add(AuditEvent.of("plan.adopted", p.hash(), Subjects.plan(p.hash()))));
    List<VerdictRecord> verdicts = new ArrayList<>(store.verdicts(VerdictRecord.Query.ALL));
    verdicts.sort(Comparator.comparing(VerdictRecord::id));
    verdicts.forEach(v -> events.add(AuditEvent.of("verdict.adopted", AuditContent.of(v), Subjects.verdict(v.id()))));
    List<CalibrationRecord> calibrations = new ArrayList<>(
        store.calibrations(CalibrationRecord.Query.ALL));
    // Oldest first, like the other adopted records.
    java.util.Collections.reverse(calibrations);
    calibrations.forEach(c -> events.add(AuditEvent.of("calibration.adopted", AuditContent.of(c),
        Subjects.calibration(c.id()))));
    for (Model m : registry.models()) {
      events.add(AuditEvent.of("model.adopted", AuditContent.of(m), Subjects.model(m.name())));
      registry.versions(m.name()).forEach(v -> events.add(AuditEvent.of("version.adopted", AuditContent.of(v),
          Subjects.version(m.name(), v.number()))));
      registry.policies(m.name()).forEach(p -> events.add(AuditEvent.of("policy.adopted", AuditContent.of(p),
          Subjects.policy(m.name(), p.revision()))));
      registry.aliasHistory(m.name()).forEach(mv -> events.add(AuditEvent.of("alias.adopted", AuditContent.of(mv),
          Subjects.aliasMove(mv.id()), Subjects.alias(m.name(), mv.alias()))));
    }
    registry.reproductions().forEach(r -> events.add(AuditEvent.of("reproduction.adopted", AuditContent.of(r),
        Subjects.reproduction(r.id()))));
    return events;
  }

  private void audit(String action, String contentHash, String... subjects) {
    log.append(clock.instant(), actor.get(), AuditEvent.of(action, contentHash, subjects));
  }

  // ---- Store: changes are audited ----

  @Override
  public void createRun(RunRecord run) {
    store.createRun(run);
    audit("run.created", AuditContent.run(store, run), Subjects.run(run.runId()));
  }

  /**
   * Audits a change of status ({@code run.resumed}, {@code run.completed}, {@code run.failed},
   * {@code run.aborted}) and any change to a run that had finished ({@code run.updated}); a running
   * run's header may be rewritten without an entry.
   */
  @Override
  public void updateRun(RunRecord run) {
    Optional<RunRecord> before = store.run(run.runId());
    store.updateRun(run);
    RunStatus was = before.map(RunRecord::status).orElse(null);
    if (was != run.status() || was != RunStatus.RUNNING) {
      String action = was == run.status() ? "run.updated" : switch (run.status()) {
        case RUNNING -> "run.resumed";
        case COMPLETED -> "run.completed";
        case FAILED -> "run.failed";
        case ABORTED -> "run.aborted";
      };
      audit(action, AuditContent.run(store, run), Subjects.run(run.runId()));
    }
  }

  @Override
  public void append(String runId, List<ExampleResult> results) {
    store.append(runId, results);
  }

  @Override
  public boolean deleteRun(String runId) {
    boolean existed = store.deleteRun(runId);
    if (existed) {
      audit("run.deleted", null, Subjects.run(runId));
    }
    return existed;
  }

  // A run's lease says who is writing it right now; it is coordination between processes, not a
  // change to the evidence, so it passes straight through unaudited (the run's own entries record
  // its resumption and completion).

  @Override
  public dev.assay.core.RunLease acquireLease(dev.assay.core.RunLease wanted, java.time.Instant now) {
    return store.acquireLease(wanted, now);
  }

  @Override
  public boolean renewLease(String runId, String owner, java.time.Instant heartbeatAt, java.time.Instant expiresAt) {
    return store.renewLease(runId, owner, heartbeatAt, expiresAt);
  }

  @Override
  public void releaseLease(String runId, String owner) {
    store.releaseLease(runId, owner);
  }

  @Override
  public Optional<dev.assay.core.RunLease> lease(String runId) {
    return store.lease(runId);
  }

  @Override
  public void putDataset(Dataset dataset) {
    if (store.dataset(dataset.hash()).isPresent()) {
      return;
    }
    store.putDataset(dataset);
    audit("dataset.stored", dataset.hash(), Subjects.dataset(dataset.hash()));
  }

  @Override
  public void saveVerdict(VerdictRecord verdict) {
    store.saveVerdict(verdict);
    List<String> subjects = new ArrayList<>(List.of(Subjects.verdict(verdict.id())));
    if (verdict.baselineRun() != null) {
      subjects.add(Subjects.run(verdict.baselineRun()));
    }
    if (verdict.candidateRun() != null) {
      subjects.add(Subjects.run(verdict.candidateRun()));
    }
    audit("verdict.stored", AuditContent.of(verdict), subjects.toArray(String[]::new));
  }

  @Override
  public void savePlan(Plan plan) {
    boolean known = store.plans().stream().anyMatch(p -> p.hash().equals(plan.hash()));
    store.savePlan(plan);
    if (!known) {
      audit("plan.registered", plan.hash(), Subjects.plan(plan.hash()));
    }
  }

  @Override
  public void saveCalibration(CalibrationRecord calibration) {
    store.saveCalibration(calibration);
    audit("calibration.stored", AuditContent.of(calibration), Subjects.calibration(calibration.id()));
  }

  // ---- Store: reads pass through ----

  @Override
  public Optional<CalibrationRecord> calibration(String id) {
    return store.calibration(id);
  }

  @Override
  public List<CalibrationRecord> calibrations(CalibrationRecord.Query query) {
    return store.calibrations(query);
  }

  @Override
  public Optional<RunRecord> run(String runId) {
    return store.run(runId);
  }

  @Override
  public List<RunRecord> runs() {
    return store.runs();
  }

  @Override
  public Set<ExampleResult.Key> completedKeys(String runId) {
    return store.completedKeys(runId);
  }

  @Override
  public void forEachResult(String runId, Consumer<ExampleResult> consumer) {
    store.forEachResult(runId, consumer);
  }

  @Override
  public List<ExampleResult> results(String runId) {
    return store.results(runId);
  }

  @Override
  public dev.assay.core.RunPage runs(dev.assay.core.RunQuery query) {
    return store.runs(query);
  }

  @Override
  public List<ExampleResult> results(String runId, dev.assay.core.ResultQuery query) {
    return store.results(runId, query);
  }

  @Override
  public dev.assay.core.ResultStats resultStats(String runId) {
    return store.resultStats(runId);
  }

  @Override
  public List<dev.assay.core.DatasetInfo> datasets() {
    return store.datasets();
  }

  @Override
  public Optional<Dataset> dataset(String hash) {
    return store.dataset(hash);
  }

  @Override
  public Optional<VerdictRecord> verdict(String id) {
    return store.verdict(id);
  }

  @Override
  public List<VerdictRecord> verdicts(VerdictRecord.Query query) {
    return store.verdicts(query);
  }

  @Override
  public List<Plan> plans() {
    return store.plans();
  }

  @Override
  public void close() {
    store.close();
  }

  // ---- Registry: changes are audited ----

  @Override
  public void createModel(Model model) {
    registry.createModel(model);
    audit("model.registered", AuditContent.of(model), Subjects.model(model.name()));
  }

  @Override
  public ModelVersion addVersion(ModelVersion version) {
    ModelVersion stored = registry.addVersion(version);
    List<String> subjects = new ArrayList<>(List.of(Subjects.version(stored.model(), stored.number()),
        Subjects.model(stored.model())));
    if (stored.sourceRun() != null) {
      subjects.add(Subjects.run(stored.sourceRun()));
    }
    audit("version.registered", AuditContent.of(stored), subjects.toArray(String[]::new));
    return stored;
  }

  @Override
  public PolicyRecord setPolicy(PolicyRecord policy) {
    PolicyRecord stored = registry.setPolicy(policy);
    audit("policy.set", AuditContent.of(stored), Subjects.policy(stored.model(), stored.revision()),
        Subjects.model(stored.model()));
    return stored;
  }

  /** Audited as {@code alias.moved}, {@code alias.override} or {@code alias.rollback}, naming the evidence. */
  @Override
  public void moveAlias(AliasMove move) {
    registry.moveAlias(move);
    String action = switch (move.kind()) {
      case PROMOTION -> "alias.moved";
      case OVERRIDE -> "alias.override";
      case ROLLBACK -> "alias.rollback";
    };
    List<String> subjects = new ArrayList<>(List.of(Subjects.aliasMove(move.id()),
        Subjects.alias(move.model(), move.alias()), Subjects.version(move.model(), move.to())));
    move.evidence().forEach(v -> subjects.add(Subjects.verdict(v)));
    audit(action, AuditContent.of(move), subjects.toArray(String[]::new));
  }

  @Override
  public void saveReproduction(Reproduction reproduction) {
    registry.saveReproduction(reproduction);
    audit("run.reproduced", AuditContent.of(reproduction), Subjects.reproduction(reproduction.id()),
        Subjects.run(reproduction.originalRun()), Subjects.run(reproduction.rerunRun()));
  }

  // ---- Registry: reads pass through ----

  @Override
  public Optional<Model> model(String name) {
    return registry.model(name);
  }

  @Override
  public List<Model> models() {
    return registry.models();
  }

  @Override
  public Optional<ModelVersion> version(String model, int number) {
    return registry.version(model, number);
  }

  @Override
  public List<ModelVersion> versions(String model) {
    return registry.versions(model);
  }

  @Override
  public Optional<PolicyRecord> policy(String model) {
    return registry.policy(model);
  }

  @Override
  public List<PolicyRecord> policies(String model) {
    return registry.policies(model);
  }

  @Override
  public Map<String, Integer> aliases(String model) {
    return registry.aliases(model);
  }

  @Override
  public List<AliasMove> aliasHistory(String model) {
    return registry.aliasHistory(model);
  }

  @Override
  public List<Reproduction> reproductions() {
    return registry.reproductions();
  }
}
