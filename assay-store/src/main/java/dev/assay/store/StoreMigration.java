package dev.assay.store;

import dev.assay.core.Dataset;
import dev.assay.core.ExampleResult;
import dev.assay.core.Plan;
import dev.assay.core.RunRecord;
import dev.assay.core.Store;
import dev.assay.core.VerdictRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Copies everything one {@link Store} holds into another: datasets, runs with every per-example
 * result, verdicts and plans, through the {@link Store} interface only, so any two implementations
 * (SQLite to PostgreSQL, or back) migrate the same way.
 *
 * <p>Invariants: the copy is lossless (every record is written as read, so exports of the two stores
 * are equal) and idempotent, so an interrupted copy is finished by running it again: a run already in
 * the target gets its header replaced and its results appended again (appending a key replaces it);
 * datasets and plans are kept once per hash; a verdict already there is left alone. Results are
 * streamed in batches of {@value #BATCH}, so a run of any size copies in constant memory. The source
 * is only read.
 */
public final class StoreMigration {
  /** Results per append to the target. */
  public static final int BATCH = 2048;

  /** What was copied. */
  public record Summary(int datasets, int runs, long results, int verdicts, int plans) {}

  private final Store from;
  private final Store to;
  private final Consumer<String> progress;

  /**
   * @param progress told one line per copied run (for stderr)
   */
  public StoreMigration(Store from, Store to, Consumer<String> progress) {
    this.from = Objects.requireNonNull(from, "from");
    this.to = Objects.requireNonNull(to, "to");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /** Copies everything and checks that every run's result count arrived whole. */
  public Summary run() {
    List<String> hashes = from.datasets().stream().map(dev.assay.core.DatasetInfo::hash).toList();
    for (String hash : hashes) {
      Dataset d = from.dataset(hash).orElseThrow(() -> new IllegalStateException("dataset " + hash
          + " vanished from the source during the copy"));
      to.putDataset(d);
    }
    List<RunRecord> runs = from.runs();
    long results = 0;
    for (RunRecord run : runs) {
      long copied = copyRun(run);
      int expected = from.completedKeys(run.runId()).size();
      int arrived = to.completedKeys(run.runId()).size();
      if (arrived != expected) {
        throw new IllegalStateException("run " + run.runId() + ": " + arrived + " results in the target, "
            + expected + " in the source");
      }
      results += copied;
      progress.accept("copied run " + run.runId() + " (" + copied + " results)");
    }
    int verdicts = 0;
    for (VerdictRecord v : from.verdicts(VerdictRecord.Query.ALL)) {
      if (to.verdict(v.id()).isEmpty()) {
        to.saveVerdict(v);
      }
      verdicts++;
    }
    List<Plan> plans = from.plans();
    plans.forEach(to::savePlan);
    return new Summary(hashes.size(), runs.size(), results, verdicts, plans.size());
  }

  private long copyRun(RunRecord run) {
    if (to.run(run.runId()).isPresent()) {
      to.updateRun(run);
    } else {
      to.createRun(run);
    }
    long[] count = {0};
    List<ExampleResult> batch = new ArrayList<>(BATCH);
    from.forEachResult(run.runId(), r -> {
      batch.add(r);
      if (batch.size() == BATCH) {
        to.append(run.runId(), batch);
        count[0] += batch.size();
        batch.clear();
      }
    });
    if (!batch.isEmpty()) {
      to.append(run.runId(), batch);
      count[0] += batch.size();
    }
    return count[0];
  }
}
