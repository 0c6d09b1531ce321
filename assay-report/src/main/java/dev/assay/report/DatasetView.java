package dev.assay.report;

import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.RunRecord;
import dev.assay.core.Store;
import dev.assay.core.io.RunInputs;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The examples behind a run (inputs, references, tags), read through {@link RunInputs}: the
 * store's copy of the run's dataset, so a report works after the dataset file has moved or
 * changed. When the examples cannot be had, {@link #available()} is false and {@link #note()} says
 * why.
 */
public final class DatasetView {
  private final Map<String, Example> examples;
  private final Dataset dataset;
  private final String note;

  private DatasetView(Map<String, Example> examples, Dataset dataset, String note) {
    this.examples = examples;
    this.dataset = dataset;
    this.note = note;
  }

  /** A view of examples already in hand (tests, score files). */
  public static DatasetView of(List<Example> examples) {
    Map<String, Example> byId = new LinkedHashMap<>();
    examples.forEach(e -> byId.put(e.id(), e));
    return new DatasetView(Collections.unmodifiableMap(byId), null, null);
  }

  /** A view of a dataset lookup: its examples, or why there are none. */
  public static DatasetView of(RunInputs.Lookup lookup) {
    if (!lookup.available()) {
      return unavailable("dataset not available: " + lookup.reason());
    }
    Map<String, Example> byId = new LinkedHashMap<>();
    lookup.dataset().examples().forEach(e -> byId.put(e.id(), e));
    return new DatasetView(Collections.unmodifiableMap(byId), lookup.dataset(), null);
  }

  /** No examples, for the reason given. */
  public static DatasetView unavailable(String why) {
    return new DatasetView(Map.of(), null, why);
  }

  /** The examples of {@code run}, as the store keeps them. */
  public static DatasetView forRun(Store store, RunRecord run) {
    return of(RunInputs.dataset(store, run));
  }

  /** The dataset, or null (unavailable, or examples in hand). */
  public Dataset dataset() {
    return dataset;
  }

  public boolean available() {
    return note == null;
  }

  /** Why the examples are missing; null when available. */
  public String note() {
    return note;
  }

  /** The example with this id, or null. */
  public Example example(String id) {
    return examples.get(id);
  }

  /** Tags of an example (empty when unknown). */
  public Map<String, String> tags(String id) {
    Example e = examples.get(id);
    return e == null ? Map.of() : e.tags();
  }

  /** Every tag key with its values, sorted. */
  public Map<String, TreeSet<String>> tagValues() {
    Map<String, TreeSet<String>> out = new TreeMap<>();
    for (Example e : examples.values()) {
      e.tags().forEach((k, v) -> out.computeIfAbsent(k, x -> new TreeSet<>()).add(v));
    }
    return out;
  }
}
