package dev.assay.gate;

import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.JudgedRate;
import dev.assay.core.io.HumanLabels;
import dev.assay.core.LineageProbe;
import dev.assay.core.Metric;
import dev.assay.core.Plugins;
import dev.assay.core.RunFailedException;
import dev.assay.core.RunIds;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Store;
import dev.assay.core.VerdictRecord;
import dev.assay.core.io.RunInputs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The comparison service: pairs two runs (or score files) example by example, compares every
 * metric with its own statistics, applies a gate, states how the verdict relates to the store's
 * pre-registered plans, and records the verdict in the store. The CLI, the server and Java callers
 * use it alike (docs/java-api.md); nothing here prints.
 *
 * <p>Invariants: each metric is bootstrapped once per comparison, whether it is shown, gated or
 * both; a failed, running or aborted run is refused (its numbers are not evidence); the values
 * shown for a side are that side's own values of each metric over the paired examples (its run
 * values when every example pairs); a recorded verdict is never changed afterwards.
 */
public final class ComparisonService {
  /** What a user can do when the examples cannot be found. */
  static final String EXAMPLES_REMEDY = "the dataset given with the comparison (--dataset FILE), a store that holds "
      + "the runs' dataset, or the dataset file as it was when the runs started";

  private final Store store;
  private final Plugins plugins;
  private final Clock clock;

  /**
   * @param store where runs, datasets and plans are read and verdicts recorded
   * @param plugins the installed metrics (how each aggregates, its direction)
   */
  public ComparisonService(Store store, Plugins plugins, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.plugins = Objects.requireNonNull(plugins, "plugins");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * What to compare and how.
   *
   * @param options statistics settings (metrics, confidence, seed, replicates, test, interval...)
   * @param gate the gate to apply, or null for a comparison without a verdict
   * @param dataset the examples (for tags and clusters) when the caller has them, else null: the
   *     runs' own dataset is used ({@link RunInputs})
   * @param clusterField resample clusters of this example field, or null for the runs' own
   *     {@code cluster:} field, if any
   * @param record whether a verdict is stored
   */
  public record Request(CompareOptions options, Gate gate, Dataset dataset, String clusterField, boolean record) {
    public Request {
      Objects.requireNonNull(options, "options");
    }

    /** A comparison with default statistics, no gate, nothing recorded. */
    public static Request of(CompareOptions options) {
      return new Request(options, null, null, null, false);
    }

    public Request withGate(Gate g, boolean recordVerdict) {
      return new Request(options, g, dataset, clusterField, recordVerdict);
    }

    public Request withDataset(Dataset d) {
      return new Request(options, gate, d, clusterField, record);
    }

    public Request withClusterField(String field) {
      return new Request(options, gate, dataset, field, record);
    }
  }

  /**
   * A side named by the user: a run id (or unique prefix) in the store, a run export, or a score
   * file.
   *
   * @param file the argument resolved as a path (against the working directory)
   * @throws InputException when it is neither a readable file nor a stored run
   */
  public Side side(String argument, Path file) {
    return Sides.resolve(argument, file, store);
  }

  /**
   * Several sides at once (BASE and CAND), as {@link #side} resolves each: every side after the
   * first is read on a thread of its own, so two stored runs' results are read, decoded and
   * indexed in parallel (each read of results has a store connection of its own). A failure is
   * thrown in argument order, as resolving them one by one would report it.
   *
   * @param arguments the sides as given, at least one
   * @param files each argument resolved as a path, in the same order
   */
  public List<Side> sides(List<String> arguments, List<Path> files) {
    List<Background<Side>> later = new ArrayList<>();
    for (int i = 1; i < arguments.size(); i++) {
      int k = i;
      later.add(Background.start("assay-side-" + i, () -> side(arguments.get(k), files.get(k))));
    }
    List<Side> sides = new ArrayList<>();
    try {
      sides.add(side(arguments.get(0), files.get(0)));
    } finally {
      later.forEach(Background::join); // no reader outlives the call, whatever failed
    }
    for (Background<Side> b : later) {
      sides.add(b.get());
    }
    return List.copyOf(sides);
  }

  /** A stored run as a side. */
  public Side run(String runIdOrPrefix) {
    RunRecord run = dev.assay.core.RunRefs.resolve(store, runIdOrPrefix);
    return Side.ofRun(run, store.results(run.runId()));
  }

  /**
   * Compares {@code candidate} with {@code baseline}.
   *
   * @throws InputException on anything the user can fix: a failed run, too little overlap, an unknown
   *     metric, a cluster field the examples lack, a gate rule on a metric the runs do not have
   */
  public ComparisonResult compare(Side baseline, Side candidate, Request request) {
    usable(baseline, "baseline");
    usable(candidate, "candidate");
    CompareOptions options = request.options();
    // The examples are read (and their hash checked) on another thread while the sides are
    // paired and the metrics resolved: at 100,000 examples both take seconds.
    Background<RunInputs.Lookup> examples =
        Background.start("assay-examples", () -> dataset(baseline, candidate, request.dataset()));
    Pairing pairing = Pairing.of(baseline.scores(), candidate.scores(), options.allowPartial());
    String field = request.clusterField() != null ? request.clusterField() : clusterField(baseline, candidate);
    RunInputs.Lookup data = null;
    if (field != null) {
      data = examples.get();
      pairing = pairing.withClusters(Clusters.fromDataset(data.require("clustering by '" + field + "'", EXAMPLES_REMEDY), field));
    }
    Pairing paired = pairing;
    MetricResolver resolver = new MetricResolver(plugins, options.lowerIsBetter());
    Map<String, Metric> metrics = new HashMap<>();
    Function<String, Metric> metricOf = name -> metrics.computeIfAbsent(name,
        n -> resolver.resolve(n, paired.baseline(), paired.candidate()));
    List<String> names = options.metrics().isEmpty() ? pairing.commonMetrics() : options.metrics();
    names.forEach(pairing::requireMetric);
    MetricComparer comparer = new MetricComparer(options);
    List<Metric> resolved = new ArrayList<>();
    for (String name : names) {
      resolved.add(metricOf.apply(name));
    }
    // The mean metrics' bootstraps and permutation tests draw their (identical) weights and signs once.
    SharedDraws shared = SharedDraws.of(pairing, resolved, options);
    Map<String, Comparison> comparisons = new LinkedHashMap<>();
    for (Metric metric : resolved) {
      comparisons.put(metric.name(), comparer.compare(pairing, metric, shared));
    }
    if (data == null) {
      data = examples.get();
    }
    ComparisonReport report = ComparisonReport.of(pairing, new ArrayList<>(comparisons.values()));
    GateResult verdict = null;
    VerdictRecord recorded = null;
    if (request.gate() != null) {
      String datasetHash = datasetHash(baseline, candidate, request.dataset());
      Map<String, Map<String, String>> tags = data.available() ? tags(data.dataset()) : null;
      double confidence = request.gate().confidence();
      verdict = new GateEvaluator(options).evaluate(request.gate(), pairing, metricOf, new HashMap<>(comparisons),
          tags == null ? null : id -> tags.getOrDefault(id, Map.of()), datasetHash,
          rule -> ppi(rule, candidate, confidence));
      verdict = CalibrationCheck.apply(verdict, CalibrationCheck.statuses(request.gate(), baseline, candidate, store));
      verdict = verdict.withPlan(PlanCheck.judge(store.plans(), request.gate().hash(), datasetHash,
          earliestStart(baseline, candidate)));
      if (request.record()) {
        recorded = record(verdict, options, baseline, candidate);
        store.saveVerdict(recorded);
      }
    }
    return new ComparisonResult(baseline, candidate, pairing, report, verdict, recorded, data);
  }

  /** The prediction-powered estimate of a threshold rule with {@code interval: ppi} on the candidate. */
  private static dev.assay.stats.ppi.MeanEstimate ppi(Rule.Threshold rule, Side candidate, double confidence) {
    PpiLabels p = rule.ppi().orElseThrow();
    if (candidate.run() == null) {
      throw new InputException(p.labels(), 0, "interval", "interval: ppi needs the candidate's answers, which a score "
          + "file does not hold", "a stored run or a run export as the candidate");
    }
    HumanLabels labels = HumanLabels.read(p.file(), p.labels());
    return JudgedRate.of(candidate.run(), candidate.results(), labels, rule.metric(), confidence)
        .estimate(p.method());
  }

  private static void usable(Side side, String role) {
    RunRecord run = side.run();
    if (run == null || run.status() == RunStatus.COMPLETED) {
      return;
    }
    String name = "the " + role + " run " + run.runId() + " (" + run.systemName() + ")";
    if (run.status() == RunStatus.FAILED) {
      throw new RunFailedException(run, name + " failed: " + (run.failure() == null
          ? "too many of its results failed" : run.failure()) + "; it gives no verdict");
    }
    throw InputException.of(name + " is " + run.status().wire() + ", so some examples have no result",
        "assay run --resume " + run.runId() + " to finish it");
  }

  /** The dataset for tags and clusters: the caller's, else the runs' own (they must share it). */
  private RunInputs.Lookup dataset(Side baseline, Side candidate, Dataset given) {
    if (given != null) {
      return new RunInputs.Lookup(given, null);
    }
    String shared = sharedDataset(baseline, candidate);
    if (shared == null) {
      return new RunInputs.Lookup(null, baseline.hasRun() && candidate.hasRun()
          ? "the two runs were made from different datasets" : "score files hold no examples (give --dataset FILE)");
    }
    return RunInputs.dataset(store, baseline.run());
  }

  private static String datasetHash(Side baseline, Side candidate, Dataset given) {
    String shared = sharedDataset(baseline, candidate);
    return shared != null ? shared : given == null ? null : given.hash();
  }

  /** The dataset hash both sides' runs share; null when either is a score file or they differ. */
  static String sharedDataset(Side a, Side b) {
    if (!a.hasRun() || !b.hasRun() || a.run().datasetHash() == null
        || !a.run().datasetHash().equals(b.run().datasetHash())) {
      return null;
    }
    return a.run().datasetHash();
  }

  /** The cluster field both runs were made with; null when none; refused when they differ. */
  private static String clusterField(Side baseline, Side candidate) {
    String b = baseline.hasRun() ? baseline.run().cluster() : null;
    String c = candidate.hasRun() ? candidate.run().cluster() : null;
    if (b == null) {
      return null;
    }
    if (!b.equals(c)) {
      throw InputException.of("the baseline's suite clusters by '" + b + "' but the candidate's suite "
          + (c == null ? "names no cluster" : "by '" + c + "'"), "--cluster FIELD to choose one");
    }
    return b;
  }

  /** The earlier start of two runs; null when either side is a score file. */
  private static Instant earliestStart(Side a, Side b) {
    if (!a.hasRun() || !b.hasRun() || a.run().startedAt() == null || b.run().startedAt() == null) {
      return null;
    }
    return a.run().startedAt().isBefore(b.run().startedAt()) ? a.run().startedAt() : b.run().startedAt();
  }

  private static Map<String, Map<String, String>> tags(Dataset data) {
    Map<String, Map<String, String>> byId = new HashMap<>();
    for (Example e : data.examples()) {
      byId.put(e.id(), e.tags());
    }
    return byId;
  }

  /** The verdict with the options it was reached with, so the comparison can be shown again to the same figures. */
  private VerdictRecord record(GateResult verdict, CompareOptions options, Side baseline, Side candidate) {
    String suite = baseline.hasRun() ? baseline.run().suiteName() : candidate.hasRun() ? candidate.run().suiteName()
        : null;
    return new VerdictRecord(RunIds.next(), clock.instant(), verdict.verdict(), suite, baseline.systemName(),
        candidate.systemName(), baseline.stored() ? baseline.run().runId() : null,
        candidate.stored() ? candidate.run().runId() : null, baseline.source(), candidate.source(),
        verdict.gate().hash(), verdict.datasetHash(), verdict.plan().status().wire(),
        verdict.plan().plan() == null ? null : verdict.plan().plan().hash(), LineageProbe.assayVersion(),
        verdict.toJson().set("options", options.toJson()));
  }
}
