package dev.assay.engine;

import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.ExampleResult;
import dev.assay.core.ResponseCache;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Scorer;
import dev.assay.core.Store;
import dev.assay.core.SystemUnderTest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a system over a dataset: bounded concurrency, timeouts, retries, rate limit, cache,
 * journal and resume.
 *
 * <p>Guarantees: every (example, repeat) of the dataset ends with exactly one stored result; a
 * result is stored before it is acknowledged; results, counts and aggregates do not depend on the
 * concurrency or on whether the run was interrupted and resumed (outputs of a deterministic
 * system, scores and their order are identical; latencies are measured and naturally vary).
 */
public final class Engine {
  private final Store store;
  private final ResponseCache cache;
  private final EngineListener listener;
  private final Clock clock;

  public Engine(Store store, ResponseCache cache, EngineListener listener, Clock clock) {
    this.store = store;
    this.cache = cache;
    this.listener = listener;
    this.clock = clock;
  }

  /**
   * Executes a run. A fresh run is created in the store; a resumed one ({@code resume} true) must
   * exist and is reopened, and only its missing results are computed.
   *
   * @param header the run's header, status RUNNING
   * @return the finished header (COMPLETED)
   * @throws InterruptedException when the calling thread is interrupted: the run is marked
   *     ABORTED, and everything acknowledged so far stays stored
   */
  public RunRecord execute(RunRecord header, Dataset dataset, SystemUnderTest system, List<Scorer> scorers,
      RunSettings settings, boolean resume) throws InterruptedException {
    if (resume) {
      store.updateRun(header.reopen());
    } else {
      store.createRun(header);
    }
    String runId = header.runId();
    Set<ExampleResult.Key> done = resume ? store.completedKeys(runId) : Set.of();
    List<Example> examples = dataset.examples();
    int repeats = settings.repeats();
    long total = (long) examples.size() * repeats;
    listener.started(runId, header.systemName(), total, done.size());

    ExecutorService workers = Executors.newFixedThreadPool(settings.concurrency(), r -> {
      Thread t = new Thread(r, "assay-worker-" + header.systemName());
      t.setDaemon(true);
      return t;
    });
    boolean completed = false;
    try (Watchdog watchdog = new Watchdog()) {
      Journal journal = new Journal(store, cache, runId, settings.flushInterval(), listener);
      try {
        ExampleRunner runner = new ExampleRunner(system, specHash(header), scorers, settings, cache, watchdog);
        AtomicLong cursor = new AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < settings.concurrency(); w++) {
          futures.add(workers.submit(() -> {
            for (long next = cursor.getAndIncrement(); next < total; next = cursor.getAndIncrement()) {
              int index = (int) (next / repeats);
              int repeat = (int) (next % repeats);
              Example ex = examples.get(index);
              if (!done.isEmpty() && done.contains(new ExampleResult.Key(ex.id(), repeat))) {
                continue;
              }
              ExampleRunner.Outcome o = runner.run(ex, index, repeat);
              journal.record(o.result(), o.cacheKey(), o.toCache());
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
      Aggregates.Summary summary = Aggregates.of(store, runId, scorers);
      RunRecord finished = header.finish(RunStatus.COMPLETED, clock.instant(), summary.counts(), summary.metrics());
      store.updateRun(finished);
      completed = true;
      return finished;
    } finally {
      if (!completed) {
        markAborted(header, scorers);
      }
      listener.finished(runId);
    }
  }

  private static String specHash(RunRecord header) {
    return dev.assay.core.SystemSpec.fromJson(header.systemSpec()).hash();
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

  private void markAborted(RunRecord header, List<Scorer> scorers) {
    try {
      Aggregates.Summary summary = Aggregates.of(store, header.runId(), scorers);
      store.updateRun(header.finish(RunStatus.ABORTED, clock.instant(), summary.counts(), summary.metrics()));
    } catch (RuntimeException e) {
      // The store itself failed; the run stays RUNNING and can still be resumed.
    }
  }
}
