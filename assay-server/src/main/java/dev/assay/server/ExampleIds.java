package dev.assay.server;

import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.RunRecord;
import dev.assay.core.Store;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The example ids of stored datasets by position, so a pushed result can be checked against the
 * example it claims to be: a result whose id is not the id at its index would pair with the wrong
 * example in every comparison. Datasets never change once stored (they are named by hash), so the
 * ids of the few most recently pushed datasets are kept without invalidation.
 */
final class ExampleIds {
  private static final int DATASETS_KEPT = 8;

  private final Store store;
  private final Map<String, String[]> byHash = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String[]> e) {
      return size() > DATASETS_KEPT;
    }
  };

  ExampleIds(Store store) {
    this.store = store;
  }

  /**
   * The id of example {@code index} of {@code run}'s dataset; empty when the server cannot tell (no
   * dataset hash, the dataset not stored, or a stored dataset that is not the run's list of examples).
   */
  Optional<String> at(RunRecord run, int index) {
    String hash = run.datasetHash();
    if (hash == null) {
      return Optional.empty();
    }
    String[] ids;
    synchronized (byHash) {
      ids = byHash.get(hash);
    }
    if (ids == null) {
      Optional<Dataset> d = store.dataset(hash);
      if (d.isEmpty()) {
        return Optional.empty();
      }
      ids = d.get().examples().stream().map(Example::id).toArray(String[]::new);
      synchronized (byHash) {
        byHash.put(hash, ids);
      }
    }
    // A run that left records of its file out (queries without judgments) counts other positions.
    if (ids.length != run.datasetSize() || index < 0 || index >= ids.length) {
      return Optional.empty();
    }
    return Optional.of(ids[index]);
  }
}
