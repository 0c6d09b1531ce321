package dev.assay.engine;

import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.ExampleResult;
import dev.assay.core.Limits;
import dev.assay.core.Metric;
import dev.assay.core.ResponseCache;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Scorer;
import dev.assay.core.Store;
import dev.assay.core.SystemUnderTest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a system over a dataset: bounded concurrency, timeouts, retries, rate limit, cache,
 * journal and resume.
 *
 * <p>Guarantees: every (example, repeat) of the dataset ends with exactly one stored result; a
 * result is stored before it is acknowledged; results, counts and aggregates do not depend on the
 * concurrency or on whether the run was interrupted and resumed (outputs of a deterministic
 * system, scores and their order are identical; latencies are measured and naturally vary). The
 * dataset is stored with the run (by content hash), so the run can be reported, compared and
 * resumed without its file. One writer per run: the engine holds the run's lease ({@link
 * dev.assay.core.RunLease}) while it executes, so a second execution of the same run (two {@code
 * --resume} at once) is refused, naming the holder.
 */
public final class Engine {
  private final Store store;
  private final ResponseCache cache;
  private final EngineListener listener;
  private final Clock clock;
  private final Duration leaseTtl;

  public Engine(Store store, ResponseCache cache, EngineListener listener, Clock clock) {
    this(store, cache, listener, clock, LeaseKeeper.DEFAULT_TTL);
  }

  /**
   * @param leaseTtl how long the run's lease lasts without a heartbeat (renewed every third of it)
   */
  public Engine(Store store, ResponseCache cache, EngineListener listener, Clock clock, Duration leaseTtl) {
    this.store = store;
    this.cache = cache;
    this.listener = listener;
    this.clock = clock;
    this.leaseTtl = leaseTtl;
  }

  /**
   * Executes a run. A fresh run is created in the store; a resumed one ({@code resume} true) must
   * exist and is reopened, and only its missing results are computed.
   *
   * @param given the run's header, status RUNNING; the judges of {@code scorers} are recorded in it
   * @return the finished header: COMPLETED, or FAILED when more results failed than {@code
   *     settings.maxErrorRate()} allows or a metric cannot be computed
   * @throws InterruptedException when the calling thread is interrupted: the run is marked
   *     ABORTED, and everything acknowledged so far stays stored
   * @throws IllegalArgumentException when examples x repeats exceed {@link Limits#MAX_RESULTS};
   *     nothing is created (callers check this as input first, see {@code SuiteExecution})
   * @throws dev.assay.core.InputException when another process or engine holds the run's lease;
   *     nothing is written
   */
  public RunRecord execute(RunRecord given, Dataset dataset, SystemUnderTest system, List<Scorer> scorers,
      RunSettings settings, boolean resume) throws InterruptedException {
    List<Example> examples = dataset.examples();
    int repeats = settings.repeats();
    long results = (long) examples.size() * repeats;
    if (results > Limits.MAX_RESULTS) {
      // Checked before the run exists: a run that cannot start must not be left behind as running.
      throw new IllegalArgumentException(examples.size() + " examples x " + repeats + " repeats exceed "
          + Limits.MAX_RESULTS + " results");
    }
    int total = (int) results;
    RunRecord header = given.withJudges(judges(scorers));
    try (LeaseKeeper lease = LeaseKeeper.take(store, header.runId(), resume ? "resume" : "run", clock, leaseTtl)) {
      if (resume) {
        // Another writer may have finished the run between our caller's read and taking the lease.
        RunRecord current = store.run(header.runId()).orElse(header);
        if (current.status().finished()) {
          return current;
        }
      }
      return executeLeased(header, dataset, system, scorers, settings, resume, lease, total);
    }
  }

  private RunRecord executeLeased(RunRecord header, Dataset dataset, SystemUnderTest system, List<Scorer> scorers,
      RunSettings settings, boolean resume, LeaseKeeper lease, int total) throws InterruptedException {
    List<Example> examples = dataset.examples();
    int repeats = settings.repeats();
    store.putDataset(dataset);
    if (resume) {
      store.updateRun(header.reopen());
    } else {
      store.createRun(header);
    }
    String runId = header.runId();
    // Slot index * repeats + repeat holds that result: dataset order, whatever the completion order.
    ExampleResult[] table = new ExampleResult[total];
    int alreadyDone = resume ? loadStored(runId, table, repeats, examples) : 0;
    listener.started(runId, header.systemName(), total, alreadyDone);

    List<Metric> metrics = scorers.stream().flatMap(s -> s.metrics().stream()).toList();
    // More workers than pending results would only sit idle (and a million of them would not start).
    int workerCount = (int) Math.max(1, Math.min(settings.concurrency(), (long) total - alreadyDone));
    ExecutorService workers = Executors.newFixedThreadPool(workerCount, r -> {
      Thread t = new Thread(r, "assay-worker-" + header.systemName());
      t.setDaemon(true);
      return t;
    });
    boolean completed = false;
    try (Watchdog watchdog = new Watchdog(settings.timeout())) {
      Journal journal = new Journal(store, cache, runId, settings.flushInterval(), listener);
      try {
        Attempts attempts = new Attempts(system, watchdog, RateLimiter.of(settings.rateLimitRpm()),
            new Backoff(settings.initialBackoff(), settings.maxBackoff()), settings.retries());
        ExampleRunner runner = new ExampleRunner(attempts, header.cacheIdentity(), scorers, settings, cache,
            system.secrets());
        AtomicInteger cursor = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < workerCount; w++) {
          futures.add(workers.submit(() -> {
            // A lost lease means another writer has the run: stop taking examples at once.
            for (int next = cursor.getAndIncrement(); next < total && !lease.lost(); next = cursor.getAndIncrement()) {
              if (table[next] != null) {
                continue;
              }
              int index = next / repeats;
              ExampleRunner.Outcome o = runner.run(examples.get(index), index, next % repeats);
              journal.record(o.result(), o.cacheKey(), o.toCache());
              table[next] = o.result();
            }
            return null;
          }));
        }
        for (Future<?> f : futures) {
          await(f);
        }
      } finally {
        workers.shutdownNow();
        journal.close();
      }
      if (lease.lost()) {
        // The header is the new holder's to write now, not ours to mark aborted.
        completed = true;
        throw new IllegalStateException("run " + runId + " was taken over by another process after this one could"
            + " not renew its lease in time; this process stopped writing its results");
      }
      // Workers are joined and the journal flushed: every slot is filled and durable.
      Aggregates.Summary summary = Aggregates.of(visitor -> {
        for (ExampleResult r : table) {
          visitor.accept(r);
        }
      }, metrics, settings.maxErrorRate());
      RunRecord finished = header.finish(summary.status(), clock.instant(), summary.counts(), summary.metrics(),
          summary.failure());
      store.updateRun(finished);
      completed = true;
      listener.finished(finished, summary.errors());
      return finished;
    } finally {
      if (!completed) {
        markAborted(header, metrics, settings.maxErrorRate());
      }
    }
  }

  /**
   * Puts a resumed run's stored results into their slots; returns how many there were. A stored
   * result whose id no longer sits at its index would mean a different dataset, which the caller
   * rules out by its hash; it is checked again here because a wrong slot would corrupt the run.
   */
  private int loadStored(String runId, ExampleResult[] table, int repeats, List<Example> examples) {
    int[] count = {0};
    store.forEachResult(runId, r -> {
      if (r.index() >= examples.size() || r.repeat() >= repeats || !examples.get(r.index()).id().equals(r.id())) {
        throw new IllegalStateException("stored result " + r.id() + "#" + r.repeat() + " does not match the dataset");
      }
      int slot = r.index() * repeats + r.repeat();
      if (table[slot] == null) {
        count[0]++;
      }
      table[slot] = r;
    });
    return count[0];
  }

  private static void await(Future<?> f) throws InterruptedException {
    try {
      f.get();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof InterruptedException ie) {
        throw ie;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    }
  }

  private void markAborted(RunRecord header, List<Metric> metrics, double maxErrorRate) {
    RunRecord aborted = null;
    try {
      Aggregates.Summary summary = Aggregates.of(visitor -> store.forEachResult(header.runId(), visitor), metrics,
          maxErrorRate);
      aborted = header.finish(RunStatus.ABORTED, clock.instant(), summary.counts(), summary.metrics(),
          "stopped before every example had a result; assay run --resume " + header.runId() + " finishes it");
      store.updateRun(aborted);
      listener.finished(aborted, summary.errors());
    } catch (RuntimeException e) {
      // The store itself failed; the run stays RUNNING and can still be resumed.
      listener.finished(aborted != null ? aborted : header, new ErrorSummary(0, List.of()));
    }
  }

  /** The identities of the judges behind the scorers' metrics (what calibrations bind to). */
  static Map<String, String> judges(List<Scorer> scorers) {
    Map<String, String> out = new java.util.TreeMap<>();
    scorers.forEach(s -> out.putAll(s.identities()));
    return out;
  }
}
