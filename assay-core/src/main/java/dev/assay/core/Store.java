package dev.assay.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where runs, their datasets, verdicts and plans live. Plug-in point with a conformance suite in
 * assay-testkit ({@code StoreConformance}) that every implementation passes.
 *
 * <p>Invariants every implementation keeps:
 *
 * <ul>
 *   <li>{@link #append} returns only once the results are durable (survive a killed process);
 *       the engine acknowledges a result only after that.
 *   <li>A result key (example id, repeat) is stored at most once per run; appending a key again
 *       replaces it (a resumed run may redo an example whose write was in flight).
 *   <li>{@link #results} returns results ordered by dataset index, then repeat.
 *   <li>Datasets are kept once per content hash ({@link #putDataset} of a hash already stored is a
 *       no-op) and read back equal, example for example.
 *   <li>Verdicts, plans and calibrations are immutable once saved; saving a plan whose hash is
 *       stored is a no-op.
 *   <li>A run has at most one {@link RunLease} holder: {@link #acquireLease} is atomic across
 *       threads and processes sharing the store, and a lease outlives the process that took it
 *       (a crashed holder's lease stays until it expires).
 *   <li>Implementations are thread-safe.
 * </ul>
 */
public interface Store extends AutoCloseable {
  /** Creates a run. Fails with IllegalStateException when the run id exists. */
  void createRun(RunRecord run);

  /** Replaces the header of an existing run (status, end time, counts, aggregates). */
  void updateRun(RunRecord run);

  /** Durably appends per-example results of a run. */
  void append(String runId, List<ExampleResult> results);

  Optional<RunRecord> run(String runId);

  /** All runs, newest first. */
  List<RunRecord> runs();

  /**
   * One page of the runs that match {@code query}, in its order (see {@link RunQuery}). A store
   * serves a page without reading every run: a server lists 100,000 runs this way. The default
   * filters {@link #runs()}, which suits small stores only.
   */
  default RunPage runs(RunQuery query) {
    List<RunRecord> matching = new java.util.ArrayList<>();
    for (RunRecord r : runs()) {
      if (query.matches(r) && query.isAfterPosition(r)) {
        matching.add(r);
      }
    }
    java.util.Comparator<RunRecord> order = java.util.Comparator.comparing(RunQuery.Position::of);
    matching.sort(query.oldestFirst() ? order : order.reversed());
    return RunPage.of(matching.subList(0, Math.min(matching.size(), query.limit() + 1)), query.limit());
  }

  /** Keys of the results stored for a run. */
  Set<ExampleResult.Key> completedKeys(String runId);

  /** Streams a run's results in dataset order without holding them all in memory. */
  void forEachResult(String runId, Consumer<ExampleResult> consumer);

  /**
   * Up to {@code query.limit()} of a run's results after {@code query.after()}, in dataset order,
   * filtered by {@code query.ok()}; empty for an unknown run. A store reads only what the page needs
   * when no filter is set (a server pages through a million-example run this way); the default
   * streams {@link #forEachResult}.
   */
  default List<ExampleResult> results(String runId, ResultQuery query) {
    List<ExampleResult> out = new java.util.ArrayList<>();
    forEachResult(runId, r -> {
      if (out.size() < query.limit() && query.matches(r)) {
        out.add(r);
      }
    });
    return out;
  }

  /**
   * How many results of a run are stored, how many answered, and the last one in dataset order;
   * {@link ResultStats#NONE} for an unknown run. The default streams {@link #forEachResult}.
   */
  default ResultStats resultStats(String runId) {
    long[] counts = new long[2];
    ExampleResult[] last = new ExampleResult[1];
    forEachResult(runId, r -> {
      counts[0]++;
      counts[1] += r.ok() ? 1 : 0;
      last[0] = r;
    });
    return last[0] == null ? ResultStats.NONE
        : new ResultStats(counts[0], counts[1], ResultQuery.Position.of(last[0]), last[0].id());
  }

  /** A run's results in dataset order. */
  default List<ExampleResult> results(String runId) {
    List<ExampleResult> out = new java.util.ArrayList<>();
    forEachResult(runId, out::add);
    return out;
  }

  /**
   * Takes the lease on {@code wanted.runId()} for {@code wanted.owner()} when no other owner holds
   * a lease on that run that is unexpired at {@code now}; taking it replaces an expired lease, and
   * an owner that holds it already renews it (keeping its {@code acquiredAt}). Atomic: of
   * concurrent callers for one run, one holds the lease afterwards. The run need not exist yet (a
   * new run is leased before it is created).
   *
   * @return the lease that holds the run afterwards: {@code wanted} (or the renewed lease) when
   *     taken, else the other owner's unexpired lease, unchanged
   */
  RunLease acquireLease(RunLease wanted, Instant now);

  /**
   * Renews the lease {@code owner} holds on {@code runId}: new heartbeat and expiry.
   *
   * @return false when {@code owner} does not hold it (it lapsed and another owner took it, or it
   *     was released): the caller must stop writing
   */
  boolean renewLease(String runId, String owner, Instant heartbeatAt, Instant expiresAt);

  /** Gives up the lease on {@code runId} if {@code owner} holds it; otherwise does nothing. */
  void releaseLease(String runId, String owner);

  /** The lease on {@code runId}, expired or not; empty when there is none. */
  Optional<RunLease> lease(String runId);

  /**
   * Deletes a run, its results and its lease (not its dataset, which other runs may share).
   *
   * @return whether the run existed
   */
  boolean deleteRun(String runId);

  /** Keeps a dataset under its content hash; a no-op when that hash is stored already. */
  void putDataset(Dataset dataset);

  /** The dataset stored under {@code hash}, or empty. */
  Optional<Dataset> dataset(String hash);

  /**
   * Every stored dataset, without its examples, ordered by hash, whether or not a run refers to it
   * ({@code assay store migrate} copies them all). The default looks up only the datasets of the
   * stored runs, reading every run: a store overrides it.
   */
  default List<DatasetInfo> datasets() {
    java.util.TreeMap<String, DatasetInfo> out = new java.util.TreeMap<>();
    for (RunRecord r : runs()) {
      String h = r.datasetHash();
      if (h != null && !out.containsKey(h)) {
        dataset(h).ifPresent(d -> out.put(h, new DatasetInfo(h, d.source(), d.size())));
      }
    }
    return List.copyOf(out.values());
  }

  /** Stores a verdict. Fails with IllegalStateException when its id exists. */
  void saveVerdict(VerdictRecord verdict);

  Optional<VerdictRecord> verdict(String id);

  /** Stored verdicts matching {@code query}, newest first. */
  List<VerdictRecord> verdicts(VerdictRecord.Query query);

  /** Stores a plan; a no-op when a plan with its hash is stored. */
  void savePlan(Plan plan);

  /** Every stored plan, oldest first. */
  List<Plan> plans();

  /** Stores a judge's calibration. Fails with IllegalStateException when its id exists. */
  void saveCalibration(CalibrationRecord calibration);

  Optional<CalibrationRecord> calibration(String id);

  /** Stored calibrations matching {@code query}, newest first (ties: the larger id first). */
  List<CalibrationRecord> calibrations(CalibrationRecord.Query query);

  @Override
  void close();
}
