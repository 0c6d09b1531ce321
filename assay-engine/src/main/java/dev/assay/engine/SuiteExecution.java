package dev.assay.engine;

import dev.assay.core.Dataset;
import dev.assay.core.DidYouMean;
import dev.assay.core.InputException;
import dev.assay.core.Limits;
import dev.assay.core.Lineage;
import dev.assay.core.LineageProbe;
import dev.assay.core.Plugins;
import dev.assay.core.ResponseCache;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Scorer;
import dev.assay.core.Store;
import dev.assay.core.Suite;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import dev.assay.core.io.DatasetLoader;
import dev.assay.core.io.SuiteLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a suite file, or resumes a run, end to end: load, validate, create systems, execute.
 *
 * <p>Everything that can be wrong with the input (suite, dataset, adapter parameters, metric
 * names, a prediction file) is checked before the first run is created, so bad input never
 * leaves a run behind. Systems of one suite run one after another, each as its own run.
 */
public final class SuiteExecution {
  private final Store store;
  private final ResponseCache cache;
  private final Plugins plugins;
  private final EngineListener listener;
  private final Clock clock;
  private final Path workingDirectory;

  public SuiteExecution(Store store, ResponseCache cache, Plugins plugins, EngineListener listener, Clock clock,
      Path workingDirectory) {
    this.store = store;
    this.cache = cache;
    this.plugins = plugins;
    this.listener = listener;
    this.clock = clock;
    this.workingDirectory = workingDirectory;
  }

  /**
   * Runs the named systems of a suite (all when {@code systemNames} is empty), in suite order.
   *
   * @return the finished run headers, one per system
   */
  public List<RunRecord> run(Path suiteFile, List<String> systemNames, boolean useCache) throws InterruptedException {
    Suite suite = new SuiteLoader(plugins).load(suiteFile);
    List<SystemSpec> selected = select(suite, systemNames);
    Dataset dataset = DatasetLoader.load(suite.dataset());
    checkSize(suite, dataset);
    List<Scorer> scorers = scorers(suite);
    Map<SystemSpec, SystemUnderTest> systems = new LinkedHashMap<>();
    try {
      for (SystemSpec spec : selected) {
        systems.put(spec, plugins.system(spec, suite.file()));
      }
      Lineage lineage = LineageProbe.probe(workingDirectory);
      Engine engine = new Engine(store, cache, listener, clock);
      List<RunRecord> runs = new ArrayList<>();
      for (Map.Entry<SystemSpec, SystemUnderTest> e : systems.entrySet()) {
        RunRecord header = RunFactory.newRun(suite, e.getKey(), e.getValue().contentHash(), dataset, lineage,
            clock.instant());
        runs.add(engine.execute(header, dataset, e.getValue(), scorers, settings(suite, e.getKey(), useCache), false));
      }
      return runs;
    } finally {
      systems.values().forEach(SystemUnderTest::close);
    }
  }

  /**
   * Finishes an interrupted run. The suite comes from the run record; the dataset is read again
   * and must hash as it did when the run started.
   *
   * @return the finished header; a run that is already completed is returned as it is
   */
  public RunRecord resume(String runId, boolean useCache) throws InterruptedException {
    RunRecord header = store.run(runId).orElseThrow(() -> InputException.of(
        "unknown run id '" + runId + "'", "an id from 'assay runs list'"));
    if (header.status() == RunStatus.COMPLETED) {
      return header;
    }
    Path suiteFile = Path.of(header.suitePath());
    Suite suite = new SuiteLoader(plugins).fromJson(header.suite(), suiteFile);
    SystemSpec spec = suite.system(header.systemName()).orElseThrow(() -> new InputException(suiteFile, 0,
        "systems", "the run's system '" + header.systemName() + "' is not in its suite", "the suite as run"));
    Dataset dataset = DatasetLoader.load(suite.dataset());
    checkSize(suite, dataset);
    if (!dataset.hash().equals(header.datasetHash())) {
      throw new InputException(dataset.source(), 0, null,
          "dataset changed since run " + runId + " started (sha256 was " + header.datasetHash() + ", now "
              + dataset.hash() + ")", "the dataset the run started with");
    }
    List<Scorer> scorers = scorers(suite);
    try (SystemUnderTest system = plugins.system(spec, suiteFile)) {
      if (!java.util.Objects.equals(system.contentHash(), RunFactory.contentHash(header))) {
        throw new InputException(suiteFile, 0, "systems." + spec.name(),
            "the content system '" + spec.name() + "' depends on (its corpus or predictions file) changed since run "
                + runId + " started", "the content the run started with");
      }
      return new Engine(store, cache, listener, clock).execute(header, dataset, system, scorers,
          settings(suite, spec, useCache), true);
    }
  }

  /** A run holds examples x repeats results, indexed by an int (docs/security.md). */
  private static void checkSize(Suite suite, Dataset dataset) {
    long results = (long) dataset.size() * suite.repeats();
    if (results > Limits.MAX_RESULTS) {
      throw new InputException(suite.file(), 0, "repeats",
          suite.repeats() + " repeats of " + dataset.size() + " examples make " + results + " results per run",
          "examples x repeats of at most " + Limits.MAX_RESULTS + "; fewer repeats or a smaller dataset");
    }
  }

  private static List<SystemSpec> select(Suite suite, List<String> names) {
    if (names == null || names.isEmpty()) {
      return suite.systems();
    }
    List<String> known = suite.systems().stream().map(SystemSpec::name).toList();
    List<SystemSpec> out = new ArrayList<>();
    for (String n : names) {
      out.add(suite.system(n).orElseThrow(() -> new InputException(suite.file(), 0, "--system",
          "no system '" + n + "' in the suite", DidYouMean.expected(n, known))));
    }
    return out;
  }

  private List<Scorer> scorers(Suite suite) {
    List<Scorer> out = new ArrayList<>();
    for (String m : suite.metrics()) {
      out.add(plugins.scorer(m, suite.file().toString(), 0));
    }
    return out;
  }

  private static RunSettings settings(Suite suite, SystemSpec spec, boolean useCache) {
    var rpm = spec.params().get("rate_limit_rpm");
    return RunSettings.of(suite, rpm == null || !rpm.isNumber() ? null : rpm.doubleValue(), useCache);
  }
}
