package dev.assay.server;

import dev.assay.core.Plugins;
import dev.assay.core.RunRecord;
import dev.assay.core.Store;
import dev.assay.core.VerdictRecord;
import dev.assay.gate.CompareOptions;
import dev.assay.gate.ComparisonResult;
import dev.assay.gate.ComparisonService;
import dev.assay.gate.Gate;
import dev.assay.gate.GateLoader;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Comparisons computed through the {@link ComparisonService} and kept, most recently used first,
 * by (baseline, candidate, options): a page and the report download of the same pair bootstrap
 * once. Two requests for the same key wait for one computation. Only finished runs are compared
 * (the service refuses others), and a finished run does not change, so entries need no invalidation
 * beyond a run being deleted or pushed again ({@link #forget}).
 */
final class Comparisons {
  private static final int CAPACITY = 32;

  /**
   * What a comparison request asks for; the cache key.
   *
   * @param options the statistics settings: a stored verdict's own when one is shown, else what the
   *     request asked for over the defaults of {@code assay compare}
   * @param gate whether the candidate suite's gate is applied (false when a stored verdict is shown)
   * @param stored the stored verdict of this pair shown instead of a recomputed gate, or null
   * @param asRecorded whether {@code options} are the stored verdict's own (false: it recorded none
   *     usable, so the defaults)
   */
  record Key(String baseline, String candidate, CompareOptions options, boolean gate, VerdictRecord stored,
      boolean asRecorded) {
    double confidence() {
      return options.confidence();
    }
  }

  private final Store store;
  private final Plugins plugins;
  private final Clock clock;
  private final Map<Key, CompletableFuture<ComparisonResult>> cache = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, CompletableFuture<ComparisonResult>> e) {
      return size() > CAPACITY;
    }
  };

  Comparisons(Store store, Plugins plugins, Clock clock) {
    this.store = store;
    this.plugins = plugins;
    this.clock = clock;
  }

  ComparisonResult get(Key key) {
    CompletableFuture<ComparisonResult> mine = new CompletableFuture<>();
    CompletableFuture<ComparisonResult> existing;
    synchronized (cache) {
      existing = cache.putIfAbsent(key, mine);
    }
    if (existing != null) {
      try {
        return existing.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    try {
      ComparisonResult r = compute(key);
      mine.complete(r);
      return r;
    } catch (RuntimeException e) {
      synchronized (cache) {
        cache.remove(key, mine);
      }
      mine.completeExceptionally(e);
      throw e;
    }
  }

  void forget(String runId) {
    synchronized (cache) {
      cache.keySet().removeIf(k -> k.baseline().equals(runId) || k.candidate().equals(runId));
    }
  }

  private ComparisonResult compute(Key key) {
    ComparisonService service = new ComparisonService(store, plugins, clock);
    RunRecord base = store.run(key.baseline()).orElseThrow(() -> Problem.notFound("no run " + key.baseline()));
    RunRecord cand = store.run(key.candidate()).orElseThrow(() -> Problem.notFound("no run " + key.candidate()));
    CompareOptions options = key.options();
    Gate gate = key.gate() ? GateLoader.fromRecordedSuite(cand.suite(), "the suite of run " + cand.runId())
        .orElse(null) : null;
    ComparisonService.Request request = new ComparisonService.Request(options, gate, null, null, false);
    return service.compare(service.run(base.runId()), service.run(cand.runId()), request);
  }
}
