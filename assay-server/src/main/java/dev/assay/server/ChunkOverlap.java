package dev.assay.server;

import dev.assay.core.ExampleResult;
import dev.assay.core.ResultQuery;
import dev.assay.core.Store;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How many of a pushed chunk's result keys a run holds already, so that a push can say how many
 * results were new without counting the whole run before and after the append (which would make a
 * chunked push of an n-result run cost n squared).
 *
 * <p>The cost is bounded by the chunk, never by the run: the stored results between the chunk's
 * first and last position are read in one pass when few enough lie there (a chunk in dataset order,
 * as clients send, spans about its own size), otherwise each of the chunk's positions is looked up
 * on its own. Callers hold the run's append lock, so the count is exact for this server.
 */
final class ChunkOverlap {
  /** Stored results a range pass may read per chunk position before switching to lookups. */
  private static final int RANGE_FACTOR = 2;
  private static final int RANGE_SLACK = 100;

  private ChunkOverlap() {}

  /**
   * The number of distinct keys of {@code chunk} that run {@code runId} holds already, between 0
   * and the number of distinct keys in the chunk.
   */
  static long alreadyStored(Store store, String runId, List<ExampleResult> chunk) {
    Set<ExampleResult.Key> keys = new HashSet<>();
    TreeSet<ResultQuery.Position> positions = new TreeSet<>();
    for (ExampleResult r : chunk) {
      keys.add(r.key());
      positions.add(ResultQuery.Position.of(r));
    }
    if (positions.isEmpty()) {
      return 0;
    }
    Set<ExampleResult.Key> found = inRange(store, runId, positions, keys);
    if (found == null) {
      found = byPosition(store, runId, positions, keys);
    }
    return found.size();
  }

  /** The chunk's keys among the stored results from its first to its last position; null when too many lie there. */
  private static Set<ExampleResult.Key> inRange(Store store, String runId, TreeSet<ResultQuery.Position> positions,
      Set<ExampleResult.Key> keys) {
    ResultQuery.Position last = positions.last();
    long budget = (long) RANGE_FACTOR * positions.size() + RANGE_SLACK;
    // one more than the chunk, so that a contiguous chunk is settled by a single page
    int limit = Math.min(ResultQuery.MAX_LIMIT, positions.size() + 1);
    Set<ExampleResult.Key> found = new HashSet<>();
    ResultQuery.Position after = before(positions.first());
    long read = 0;
    while (read < budget) {
      List<ExampleResult> page = store.results(runId, new ResultQuery(after, limit, null));
      for (ExampleResult r : page) {
        if (ResultQuery.Position.of(r).compareTo(last) > 0) {
          return found;
        }
        if (keys.contains(r.key())) {
          found.add(r.key());
        }
      }
      if (page.size() < limit) {
        return found;
      }
      read += page.size();
      after = ResultQuery.Position.of(page.get(page.size() - 1));
    }
    return null;
  }

  /** The chunk's keys stored at the chunk's own positions, one indexed lookup per position. */
  private static Set<ExampleResult.Key> byPosition(Store store, String runId, TreeSet<ResultQuery.Position> positions,
      Set<ExampleResult.Key> keys) {
    Set<ExampleResult.Key> found = new HashSet<>();
    for (ResultQuery.Position p : positions) {
      List<ExampleResult> at = store.results(runId, new ResultQuery(before(p), 1, null));
      if (!at.isEmpty() && ResultQuery.Position.of(at.get(0)).equals(p) && keys.contains(at.get(0).key())) {
        found.add(at.get(0).key());
      }
    }
    return found;
  }

  /** The position a page must start after to begin at {@code p}; null for the very first position. */
  static ResultQuery.Position before(ResultQuery.Position p) {
    if (p.repeat() > 0) {
      return new ResultQuery.Position(p.index(), p.repeat() - 1);
    }
    return p.index() == 0 ? null : new ResultQuery.Position(p.index() - 1, Integer.MAX_VALUE);
  }
}
