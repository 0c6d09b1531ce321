package dev.assay.engine;

import dev.assay.core.Dataset;
import dev.assay.core.DidYouMean;
import dev.assay.core.EngineSettings;
import dev.assay.core.InputException;
import dev.assay.core.Limits;
import dev.assay.core.Lineage;
import dev.assay.core.LineageProbe;
import dev.assay.core.MetricApplicability;
import dev.assay.core.PluginContext;
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
import dev.assay.core.io.RunInputs;
import dev.assay.core.io.SuiteLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a suite, or resumes a run, end to end: validate, create scorers and systems, execute.
 *
 * <p>Everything that can be wrong with the input (suite, dataset, adapter parameters, metric
 * names, a metric that cannot score the dataset's examples ({@link MetricApplicability}), a
 * prediction file, a rubric) is checked before the first run is created, so bad input
 * never leaves a run behind. Systems of one suite run one after another, each as its own run.
 * Plug-ins get a {@link PluginContext}: the suite's folder for relative paths, the environment,
 * the response cache and the engine's way of calling a model.
 */
public final class SuiteExecution {
  private final Store store;
  private final ResponseCache cache;
  private final Plugins plugins;
  private final EngineListener listener;
  private final Clock clock;
  private final Path workingDirectory;
  private final Map<String, String> env;
  private final java.time.Duration leaseTtl;

  public SuiteExecution(Store store, ResponseCache cache, Plugins plugins, EngineListener listener, Clock clock,
      Path workingDirectory, Map<String, String> env) {
    this.store = store;
    this.cache = cache;
    this.plugins = plugins;
    this.listener = listener;
    this.clock = clock;
    this.workingDirectory = workingDirectory;
    this.env = env;
    this.leaseTtl = LeaseKeeper.ttl(env);
  }

  /** Reads the suite and its dataset, then runs the named systems (all when none are named). */
  public List<RunRecord> run(Path suiteFile, List<String> systemNames, boolean useCache) throws InterruptedException {
    Suite suite = new SuiteLoader(plugins).load(suiteFile);
    return run(suite, DatasetLoader.load(suite.dataset()), systemNames, useCache);
  }

  /**
   * Runs the named systems of an already parsed suite over its already read dataset (all systems
   * when {@code systemNames} is empty), in suite order.
   *
   * @return the finished run headers, one per system
   */
  public List<RunRecord> run(Suite suite, Dataset dataset, List<String> systemNames, boolean useCache)
      throws InterruptedException {
    List<SystemSpec> selected = select(suite, systemNames);
    if (dataset.size() == 0) {
      throw new InputException(dataset.source(), 0, null, "no examples", "a dataset with at least one example");
    }
    checkSize(suite, dataset);
    MetricApplicability.check(plugins, suite.metrics(), dataset, suite.file() == null ? null : suite.file().toString());
    ResponseCache runCache = useCache ? cache : ResponseCache.NONE;
    try (EngineModelCaller models = new EngineModelCaller(suite.engine(), runCache)) {
      PluginContext context = new PluginContext(suite.file(), workingDirectory, env, runCache, clock, models);
      List<Scorer> scorers = new ArrayList<>();
      Map<SystemSpec, SystemUnderTest> systems = new LinkedHashMap<>();
      try {
        for (String m : suite.metrics()) {
          scorers.add(scorer(m, context, suite.file().toString()));
        }
        for (SystemSpec spec : selected) {
          systems.put(spec, plugins.system(spec, context));
        }
        checkScorable(suite, scorers, systems);
        Lineage lineage = LineageProbe.probe(workingDirectory);
        Engine engine = new Engine(store, cache, listener, clock, leaseTtl);
        List<RunRecord> runs = new ArrayList<>();
        for (Map.Entry<SystemSpec, SystemUnderTest> e : systems.entrySet()) {
          RunRecord header = RunFactory.newRun(suite, e.getKey(), e.getValue().contentHash(), dataset, lineage,
              clock.instant());
          RunSettings settings = RunSettings.of(suite.engineFor(e.getKey()), suite.seed(), suite.repeats(), useCache);
          runs.add(engine.execute(header, dataset, e.getValue(), scorers, settings, false));
        }
        return runs;
      } finally {
        systems.values().forEach(SystemUnderTest::close);
        scorers.forEach(Scorer::close);
      }
    }
  }

  /**
   * Finishes an interrupted run from its record alone: its dataset comes from the store (or, for a
   * run stored before datasets were kept, from its file if that still hashes the same); its
   * system, metrics and engine settings from the record.
   *
   * @return the finished header; a run that already finished is returned as it is
   */
  public RunRecord resume(String runId, boolean useCache) throws InterruptedException {
    RunRecord header = store.run(runId).orElseThrow(() -> InputException.of(
        "unknown run id '" + runId + "'", "an id from 'assay runs list'"));
    if (header.status().finished()) {
      return header;
    }
    // Refuse before starting any system when another process is executing this run; the engine
    // takes the lease itself, atomically, once everything is ready.
    LeaseKeeper.requireFree(store, runId, clock);
    Dataset dataset = RunInputs.dataset(store, header).require("resuming run " + runId);
    MetricApplicability.check(plugins, header.metrics(), dataset, header.suitePath());
    Path suiteFile = header.suitePath() == null ? null : Path.of(header.suitePath());
    EngineSettings engine = Objects.requireNonNullElse(header.engine(),
        new EngineSettings(8, java.time.Duration.ofSeconds(60), 2, null, 1.0));
    ResponseCache runCache = useCache ? cache : ResponseCache.NONE;
    RunCredentials.Inputs inputs = RunCredentials.restore(header, plugins);
    try (EngineModelCaller models = new EngineModelCaller(engine, runCache)) {
      PluginContext context = new PluginContext(suiteFile, workingDirectory, env, runCache, clock, models);
      List<Scorer> scorers = new ArrayList<>();
      try {
        for (String m : inputs.metrics()) {
          scorers.add(scorer(m, context, header.suitePath()));
        }
        Map<String, String> judges = Engine.judges(scorers);
        if (!header.judges().isEmpty() && !header.judges().equals(judges)) {
          // Results scored by two different judges would be mixed in one run.
          throw new InputException(suiteFile, 0, "metrics", "a judge of run " + runId + " changed (its model, rubric"
              + " text or scale) since the run started", "the judge the run started with, or a new run");
        }
        SystemSpec spec = inputs.system();
        try (SystemUnderTest system = plugins.system(spec, context)) {
          if (!Objects.equals(system.contentHash(), header.contentHash())) {
            String sources = system.contentSources();
            throw new InputException(suiteFile, 0, "systems." + spec.name(),
                "the content system '" + spec.name() + "' depends on (" + (sources == null
                    ? "its corpus, predictions file or script" : sources) + ") changed since run " + runId
                    + " started", "the content the run started with");
          }
          return new Engine(store, cache, listener, clock, leaseTtl).execute(header, dataset, system, scorers,
              RunSettings.of(engine, header.seed(), header.repeats(), useCache), true);
        }
      } finally {
        scorers.forEach(Scorer::close);
      }
    }
  }

  /**
   * A run made again from a stored run's record ({@link #rerun}).
   *
   * @param original the stored run
   * @param rerun the new run
   * @param contentChanged whether the system's content hash differs from the original's (only
   *     with {@code allowChanged})
   */
  public record Rerun(RunRecord original, RunRecord rerun, boolean contentChanged) {}

  /**
   * Executes a finished run again, as a new run, from its record alone: the same system spec,
   * dataset (the store's copy), metrics, engine settings, seed and repeats. The response cache is
   * neither read nor written, so every answer is asked for again; the new run's lineage is this
   * process's.
   *
   * @param allowChanged run even when the content the system depends on (corpus, predictions file,
   *     script) no longer hashes as it did; otherwise that is refused
   * @throws InputException for an unknown or unfinished run, a missing dataset, or changed content
   */
  public Rerun rerun(String runId, boolean allowChanged) throws InterruptedException {
    RunRecord original = store.run(runId).orElseThrow(() -> InputException.of(
        "unknown run id '" + runId + "'", "an id from 'assay runs list'"));
    if (!original.status().finished()) {
      throw InputException.of("run " + runId + " is " + original.status().wire() + "; only a finished run can be "
          + "run again", "assay run --resume " + runId + " to finish it first");
    }
    Dataset dataset = RunInputs.dataset(store, original).require("re-running run " + runId);
    Path suiteFile = original.suitePath() == null ? null : Path.of(original.suitePath());
    EngineSettings engine = Objects.requireNonNullElse(original.engine(),
        new EngineSettings(8, java.time.Duration.ofSeconds(60), 2, null, 1.0));
    // The record keeps no URL credentials; the rerun calls what the original run called.
    RunCredentials.Inputs inputs = RunCredentials.restore(original, plugins);
    try (EngineModelCaller models = new EngineModelCaller(engine, ResponseCache.NONE)) {
      PluginContext context = new PluginContext(suiteFile, workingDirectory, env, ResponseCache.NONE, clock, models);
      List<Scorer> scorers = new ArrayList<>();
      try {
        for (String m : inputs.metrics()) {
          scorers.add(scorer(m, context, original.suitePath()));
        }
        SystemSpec spec = inputs.system();
        try (SystemUnderTest system = plugins.system(spec, context)) {
          boolean changed = !Objects.equals(system.contentHash(), original.contentHash());
          if (changed && !allowChanged) {
            throw new InputException(suiteFile, 0, "systems." + spec.name(),
                "the content system '" + spec.name() + "' depends on (its corpus, predictions file or script) "
                    + "changed since run " + runId + " (sha256 was " + original.contentHash() + ", now "
                    + system.contentHash() + "), so a rerun would not repeat it",
                "the content as it was, or --allow-changed to run it anyway and see what differs");
          }
          RunRecord header = RunRecord.started(dev.assay.core.RunIds.next(), original.suiteName(),
              original.suitePath(), original.suiteHash(), original.suite(), spec, system.contentHash(),
              original.datasetPath(), original.datasetHash(), original.datasetSize(), original.repeats(),
              original.metrics(), engine, original.cluster(), LineageProbe.probe(workingDirectory), original.seed(),
              clock.instant());
          Engine rerunEngine = new Engine(store, ResponseCache.NONE, listener, clock, leaseTtl);
          RunRecord done = rerunEngine.execute(header, dataset, system, scorers,
              RunSettings.of(engine, original.seed(), original.repeats(), false), false);
          return new Rerun(original, done, changed);
        }
      } finally {
        scorers.forEach(Scorer::close);
      }
    }
  }

  private Scorer scorer(String metric, PluginContext context, String file) {
    try {
      return plugins.scorer(metric, context);
    } catch (InputException e) {
      throw e.file() != null || file == null ? e
          : new InputException(file, 0, e.field() == null ? "metrics" : e.field(), e.getMessage(), e.expected());
    }
  }

  /** A metric that cannot be computed for a system is refused now, not after every example was run. */
  private static void checkScorable(Suite suite, List<Scorer> scorers, Map<SystemSpec, SystemUnderTest> systems) {
    for (Map.Entry<SystemSpec, SystemUnderTest> e : systems.entrySet()) {
      for (Scorer s : scorers) {
        var reason = s.cannotScore(e.getValue());
        if (reason.isPresent()) {
          String metric = s.metrics().get(0).name();
          throw new InputException(suite.file(), 0, "metrics", "metric '" + metric + "' cannot be computed for system '"
              + e.getKey().name() + "' (" + e.getKey().type() + "): " + reason.get(),
              "what the metric needs, or the metric left out");
        }
      }
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
}
