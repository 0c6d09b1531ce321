package dev.assay.testkit;

import dev.assay.core.CalibrationRecord;
import dev.assay.core.Dataset;
import dev.assay.core.DatasetInfo;
import dev.assay.core.ExampleResult;
import dev.assay.core.Plan;
import dev.assay.core.RunLease;
import dev.assay.core.RunRecord;
import dev.assay.core.Store;
import dev.assay.core.VerdictRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A {@link Store} held in memory, for engine and CLI tests that need no database.
 *
 * <p>Keeps every invariant of {@link Store} except durability across processes (nothing survives
 * the JVM). Thread-safe: one monitor guards all state; {@link #forEachResult} copies a run's
 * results under the monitor and calls the consumer outside it, so a consumer may call back into
 * the store.
 *
 * <p>Not final on purpose: a test that needs one failing operation (a full disk on append, a lost
 * connection on read) subclasses it and overrides that method alone, so a method added to
 * {@link Store} tomorrow needs no change in such tests, only here.
 */
public class InMemoryStore implements Store {
  /** Dataset order; ties on (index, repeat), which a well-formed run never has, fall to the id. */
  static final Comparator<ExampleResult> DATASET_ORDER =
      Comparator.comparingInt(ExampleResult::index)
          .thenComparingInt(ExampleResult::repeat)
          .thenComparing(ExampleResult::id);

  /** Newest first; ties on start time fall to the run id, also descending. */
  static final Comparator<RunRecord> NEWEST_FIRST =
      Comparator.comparing(RunRecord::startedAt, Comparator.nullsFirst(Comparator.<java.time.Instant>naturalOrder()))
          .thenComparing(RunRecord::runId)
          .reversed();

  private final Map<String, RunRecord> headers = new HashMap<>();
  private final Map<String, Map<ExampleResult.Key, ExampleResult>> results = new HashMap<>();
  private final Map<String, Dataset> datasets = new HashMap<>();
  private final Map<String, VerdictRecord> verdicts = new HashMap<>();
  private final Map<String, Plan> plans = new HashMap<>();
  private final Map<String, CalibrationRecord> calibrations = new HashMap<>();
  private final Map<String, RunLease> leases = new HashMap<>();
  private boolean closed;

  @Override
  public synchronized void createRun(RunRecord run) {
    checkOpen();
    if (headers.containsKey(run.runId())) {
      throw new IllegalStateException("run " + run.runId() + " already exists");
    }
    headers.put(run.runId(), run);
    results.put(run.runId(), new HashMap<>());
  }

  @Override
  public synchronized void updateRun(RunRecord run) {
    checkOpen();
    requireRun(run.runId());
    headers.put(run.runId(), run);
  }

  @Override
  public synchronized void append(String runId, List<ExampleResult> batch) {
    checkOpen();
    requireRun(runId);
    Map<ExampleResult.Key, ExampleResult> stored = results.get(runId);
    for (ExampleResult r : batch) {
      stored.put(r.key(), r);
    }
  }

  @Override
  public synchronized Optional<RunRecord> run(String runId) {
    checkOpen();
    return Optional.ofNullable(headers.get(runId));
  }

  @Override
  public synchronized List<RunRecord> runs() {
    checkOpen();
    List<RunRecord> all = new ArrayList<>(headers.values());
    all.sort(NEWEST_FIRST);
    return all;
  }

  @Override
  public synchronized Set<ExampleResult.Key> completedKeys(String runId) {
    checkOpen();
    Map<ExampleResult.Key, ExampleResult> stored = results.get(runId);
    return stored == null ? Set.of() : new LinkedHashSet<>(stored.keySet());
  }

  @Override
  public void forEachResult(String runId, Consumer<ExampleResult> consumer) {
    List<ExampleResult> snapshot;
    synchronized (this) {
      checkOpen();
      Map<ExampleResult.Key, ExampleResult> stored = results.get(runId);
      snapshot = stored == null ? new ArrayList<>() : new ArrayList<>(stored.values());
    }
    snapshot.sort(DATASET_ORDER);
    snapshot.forEach(consumer);
  }

  @Override
  public synchronized boolean deleteRun(String runId) {
    checkOpen();
    results.remove(runId);
    leases.remove(runId);
    return headers.remove(runId) != null;
  }

  @Override
  public synchronized RunLease acquireLease(RunLease wanted, Instant now) {
    checkOpen();
    RunLease holder = RunLease.decide(leases.get(wanted.runId()), wanted, now);
    leases.put(wanted.runId(), holder);
    return holder;
  }

  @Override
  public synchronized boolean renewLease(String runId, String owner, Instant heartbeatAt, Instant expiresAt) {
    checkOpen();
    RunLease current = leases.get(runId);
    if (current == null || !current.heldBy(owner)) {
      return false;
    }
    leases.put(runId, new RunLease(runId, owner, current.action(), current.pid(), current.host(), current.acquiredAt(),
        heartbeatAt, expiresAt));
    return true;
  }

  @Override
  public synchronized void releaseLease(String runId, String owner) {
    checkOpen();
    RunLease current = leases.get(runId);
    if (current != null && current.heldBy(owner)) {
      leases.remove(runId);
    }
  }

  @Override
  public synchronized Optional<RunLease> lease(String runId) {
    checkOpen();
    return Optional.ofNullable(leases.get(runId));
  }

  @Override
  public synchronized void putDataset(Dataset dataset) {
    checkOpen();
    datasets.putIfAbsent(dataset.hash(), dataset);
  }

  @Override
  public synchronized List<DatasetInfo> datasets() {
    checkOpen();
    return datasets.values().stream().sorted(Comparator.comparing(Dataset::hash))
        .map(d -> new DatasetInfo(d.hash(), d.source(), d.size())).toList();
  }

  @Override
  public synchronized Optional<Dataset> dataset(String hash) {
    checkOpen();
    return Optional.ofNullable(datasets.get(hash));
  }

  @Override
  public synchronized void saveVerdict(VerdictRecord verdict) {
    checkOpen();
    if (verdicts.putIfAbsent(verdict.id(), verdict) != null) {
      throw new IllegalStateException("verdict " + verdict.id() + " already exists");
    }
  }

  @Override
  public synchronized Optional<VerdictRecord> verdict(String id) {
    checkOpen();
    return Optional.ofNullable(verdicts.get(id));
  }

  @Override
  public synchronized List<VerdictRecord> verdicts(VerdictRecord.Query query) {
    checkOpen();
    List<VerdictRecord> out = new ArrayList<>(verdicts.values().stream().filter(query::matches).toList());
    out.sort(Comparator.comparing(VerdictRecord::createdAt).thenComparing(VerdictRecord::id).reversed());
    return query.limit() > 0 && out.size() > query.limit() ? out.subList(0, query.limit()) : out;
  }

  @Override
  public synchronized void savePlan(Plan plan) {
    checkOpen();
    plans.putIfAbsent(plan.hash(), plan);
  }

  @Override
  public synchronized List<Plan> plans() {
    checkOpen();
    List<Plan> out = new ArrayList<>(plans.values());
    out.sort(Comparator.comparing(Plan::createdAt).thenComparing(Plan::hash));
    return out;
  }

  @Override
  public synchronized void saveCalibration(CalibrationRecord calibration) {
    checkOpen();
    if (calibrations.putIfAbsent(calibration.id(), calibration) != null) {
      throw new IllegalStateException("calibration " + calibration.id() + " already exists");
    }
  }

  @Override
  public synchronized Optional<CalibrationRecord> calibration(String id) {
    checkOpen();
    return Optional.ofNullable(calibrations.get(id));
  }

  @Override
  public synchronized List<CalibrationRecord> calibrations(CalibrationRecord.Query query) {
    checkOpen();
    List<CalibrationRecord> out = new ArrayList<>(calibrations.values().stream().filter(query::matches).toList());
    out.sort(Comparator.comparing(CalibrationRecord::createdAt).thenComparing(CalibrationRecord::id).reversed());
    return query.limit() > 0 && out.size() > query.limit() ? out.subList(0, query.limit()) : out;
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private void requireRun(String runId) {
    if (!headers.containsKey(runId)) {
      throw new IllegalStateException("no run " + runId + " in the store");
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the store is closed");
    }
  }
}
