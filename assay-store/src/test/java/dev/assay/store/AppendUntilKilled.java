package dev.assay.store;

import dev.assay.core.Counts;
import dev.assay.core.ExampleResult;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Child process of {@link SqliteStoreKillTest}: appends batches to a store forever, printing
 * {@code acked N} after each append returns, until the parent kills it.
 */
public final class AppendUntilKilled {
  static final int BATCH = 50;

  private AppendUntilKilled() {}

  public static void main(String[] args) {
    SqliteStore store = SqliteStore.open(Path.of(args[0]));
    store.createRun(RunRecord.started("run-kill", "s", null, null, null,
        new dev.assay.core.SystemSpec("sys", "predictions", null, 0), null, null, null, 0, 1, List.of(), null, null,
        null, 0L, Instant.now()));
    long acked = 0;
    for (int batch = 0; ; batch++) {
      List<ExampleResult> results = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        int index = batch * BATCH + i;
        results.add(result(index));
      }
      store.append("run-kill", results);
      acked += BATCH;
      System.out.println("acked " + acked);
      System.out.flush();
    }
  }

  static ExampleResult result(int index) {
    return new ExampleResult("ex-" + index, index, 0, com.fasterxml.jackson.databind.node.TextNode.valueOf(
        "output " + index), Map.of("exact_match", dev.assay.core.Score.of(index % 2 == 0 ? 1.0 : 0.0)), 1.5, 10L, 3L, null, null, 1, false);
  }
}
