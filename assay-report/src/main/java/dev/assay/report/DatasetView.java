package dev.assay.report;

import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Plugins;
import dev.assay.core.RunRecord;
import dev.assay.core.Suite;
import dev.assay.core.io.DatasetLoader;
import dev.assay.core.io.SuiteLoader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The examples behind a run (inputs, references, tags), which run records do not hold.
 *
 * <p>Loaded from the run's own suite (as {@code --resume} does) only when the dataset file is still
 * there and its hash equals the run's: showing a changed dataset's text next to the run's outputs
 * would mislead. Otherwise {@link #available()} is false and {@link #note()} says why.
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
    return of(examples, null);
  }

  private static DatasetView of(List<Example> examples, Dataset dataset) {
    Map<String, Example> byId = new LinkedHashMap<>();
    examples.forEach(e -> byId.put(e.id(), e));
    return new DatasetView(Collections.unmodifiableMap(byId), dataset, null);
  }

  /** No examples, for the reason given. */
  public static DatasetView unavailable(String why) {
    return new DatasetView(Map.of(), null, why);
  }

  /** The dataset of {@code run}, re-read through its suite, or unavailable with the reason. */
  public static DatasetView forRun(RunRecord run, Plugins plugins) {
    if (run.suite() == null || run.suitePath() == null) {
      return unavailable("dataset not available: the run record holds no suite");
    }
    try {
      Suite suite = new SuiteLoader(plugins).fromJson(run.suite(), Path.of(run.suitePath()));
      Dataset data = DatasetLoader.load(suite.dataset());
      if (run.datasetHash() != null && !run.datasetHash().equals(data.hash())) {
        return unavailable("dataset not available: " + data.source() + " changed since the run (sha256 was "
            + run.datasetHash() + ", now " + data.hash() + ")");
      }
      return of(data.examples(), data);
    } catch (InputException | UncheckedIOException e) {
      return unavailable("dataset not available: " + (e instanceof InputException ie ? ie.render() : e.getMessage()));
    }
  }

  /** The dataset file as read for a run ({@link #forRun}), or null (unavailable, or examples in hand). */
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
