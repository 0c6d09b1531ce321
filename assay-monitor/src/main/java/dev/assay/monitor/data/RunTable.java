package dev.assay.monitor.data;

import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.RunRecord;
import dev.assay.core.Score;
import dev.assay.core.Store;
import dev.assay.core.io.RunInputs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored run as a table, one row per example result: {@code input} (the example's input text,
 * when the store holds the run's dataset), {@code output} (the answer as text), one column per
 * metric of the run (its per-example score; NaN scores are missing), {@code latency_ms}, {@code
 * tokens_in}, {@code tokens_out}, {@code cost} and {@code error} (the system's error, else missing).
 * Row numbers are the examples' positions in the dataset, plus one.
 */
public final class RunTable implements Table {
  private static final List<String> FIXED = List.of("latency_ms", "tokens_in", "tokens_out", "cost", "error");

  private final Store store;
  private final RunRecord run;
  private final Map<String, Example> examples;
  private final List<String> columns;

  public RunTable(Store store, String runId) {
    this.store = store;
    this.run = store.run(runId).orElseThrow(() -> InputException.of("no run " + runId + " in the store",
        "a run id from 'assay runs list'"));
    RunInputs.Lookup lookup = RunInputs.dataset(store, run);
    this.examples = new HashMap<>();
    if (lookup.available()) {
      Dataset d = lookup.dataset();
      for (Example e : d.examples()) {
        examples.put(e.id(), e);
      }
    }
    List<String> cols = new ArrayList<>();
    if (!examples.isEmpty()) {
      cols.add("input");
    }
    cols.add("output");
    cols.addAll(run.metrics());
    cols.addAll(FIXED);
    this.columns = List.copyOf(cols);
  }

  @Override
  public String name() {
    return "run:" + run.runId();
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public void scan(RowConsumer consumer) {
    Object[] row = new Object[columns.size()];
    int metricStart = examples.isEmpty() ? 1 : 2;
    long[] count = {0};
    store.forEachResult(run.runId(), r -> {
      java.util.Arrays.fill(row, null);
      int c = 0;
      if (!examples.isEmpty()) {
        Example e = examples.get(r.id());
        row[c] = e == null ? null : e.inputText();
        c++;
      }
      row[c] = r.output() == null ? null : (r.output().isTextual() ? r.output().textValue() : Json.canonical(r.output()));
      for (int i = 0; i < run.metrics().size(); i++) {
        Score s = r.scores().get(run.metrics().get(i));
        row[metricStart + i] = s == null || !s.hasValue() ? null : s.value();
      }
      int f = metricStart + run.metrics().size();
      row[f] = r.latencyMs();
      row[f + 1] = r.tokensIn() == null ? null : r.tokensIn().doubleValue();
      row[f + 2] = r.tokensOut() == null ? null : r.tokensOut().doubleValue();
      row[f + 3] = r.cost();
      row[f + 4] = r.error();
      count[0]++;
      consumer.accept(row, r.index() + 1L);
    });
    if (count[0] == 0) {
      throw InputException.of("run " + run.runId() + " has no results", "a run with at least one result");
    }
  }
}
