package dev.assay.core.io;

import dev.assay.core.Dataset;
import dev.assay.core.DatasetSpec;
import dev.assay.core.InputException;
import dev.assay.core.RunRecord;
import dev.assay.core.Store;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The inputs a stored run was made from, read back with one policy wherever a run is reported,
 * compared, clustered or resumed.
 *
 * <p>Policy: the store's copy of the run's dataset (kept by content hash when the run started) is
 * the truth, whatever has happened to the file since. Runs stored before assay kept datasets have
 * no copy; for them the file their suite names is read, and used only if it still hashes as the
 * run recorded, in which case it is stored for next time. Otherwise the dataset is unavailable and
 * {@link Lookup#reason()} says why.
 */
public final class RunInputs {
  private RunInputs() {}

  /**
   * The dataset of {@code run}, or the reason it cannot be had.
   *
   * @param dataset the dataset, null when unavailable
   * @param reason why it is unavailable, null when it is available
   */
  public record Lookup(Dataset dataset, String reason) {
    public boolean available() {
      return dataset != null;
    }

    /** The dataset, or an input error stating why there is none. */
    public Dataset require(String purpose) {
      return require(purpose, "a store that holds the run's dataset, or the dataset file as it was when the run started");
    }

    /** As {@link #require(String)}, with the caller's own remedy (such as a command-line option). */
    public Dataset require(String purpose, String remedy) {
      if (dataset == null) {
        throw InputException.of(purpose + " needs the run's examples, but " + reason, remedy);
      }
      return dataset;
    }
  }

  /** The dataset {@code run} was made from (see the class comment for where it comes from). */
  public static Lookup dataset(Store store, RunRecord run) {
    if (run.datasetHash() == null) {
      return new Lookup(null, "run " + run.runId() + " records no dataset hash");
    }
    var stored = store.dataset(run.datasetHash());
    if (stored.isPresent()) {
      Dataset d = stored.get();
      return new Lookup(new Dataset(run.datasetPath() == null ? d.source() : run.datasetPath(), d.examples(),
          d.hash()), null);
    }
    if (run.suite() == null || run.suitePath() == null) {
      return new Lookup(null, "the store has no copy of dataset " + abbreviate(run.datasetHash())
          + " and the run record names no suite");
    }
    try {
      DatasetSpec spec = SuiteLoader.datasetOf(run.suite(), Path.of(run.suitePath()));
      Dataset file = DatasetLoader.load(spec);
      if (!file.hash().equals(run.datasetHash())) {
        return new Lookup(null, "the store has no copy of the dataset and " + file.source()
            + " has changed since the run (sha256 was " + abbreviate(run.datasetHash()) + ", now "
            + abbreviate(file.hash()) + ")");
      }
      store.putDataset(file);
      return new Lookup(file, null);
    } catch (InputException e) {
      return new Lookup(null, "the store has no copy of the dataset and its file cannot be read: " + e.render());
    } catch (UncheckedIOException e) {
      return new Lookup(null, "the store has no copy of the dataset and its file cannot be read: " + e.getMessage());
    }
  }

  private static String abbreviate(String hash) {
    return hash.substring(0, Math.min(12, hash.length()));
  }
}
