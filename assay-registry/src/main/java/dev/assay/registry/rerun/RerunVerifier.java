package dev.assay.registry.rerun;

import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.MetricName;
import dev.assay.core.Plugins;
import dev.assay.core.RunIds;
import dev.assay.core.RunRecord;
import dev.assay.core.RunRefs;
import dev.assay.core.RunStatus;
import dev.assay.core.Score;
import dev.assay.core.Store;
import dev.assay.core.registry.Registry;
import dev.assay.core.registry.Reproduction;
import dev.assay.engine.SuiteExecution;
import dev.assay.gate.CompareOptions;
import dev.assay.gate.Comparison;
import dev.assay.gate.ComparisonResult;
import dev.assay.gate.ComparisonService;
import dev.assay.gate.Side;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code assay rerun RUN_ID --verify} as a service: re-executes a completed run from its record
 * into a new run, compares the two result by result, and stores the outcome as a {@link
 * Reproduction} (docs/registry.md "Reproducibility").
 *
 * <p>What is compared: each result's output, error, per-metric scores (value, sufficient
 * statistics, labels) and metric errors, tokens and cost. What is not: latency, attempts and
 * whether a response came from the cache, and metrics that measure time ({@code latency_*},
 * {@code throughput}): a machine never answers in exactly the same time twice.
 *
 * <p>A deterministic system reproduces only when every compared field is identical. For a
 * non-deterministic one (more than one repeat, or {@code nondeterministic: true} declared on the
 * system), differing outputs are expected: the rerun is consistent when, for every metric, the
 * paired interval of rerun minus original from the comparison service contains 0, i.e. the
 * difference is within the runs' own sampling error.
 */
public final class RerunVerifier {
  private final Store store;
  private final Registry registry;
  private final SuiteExecution execution;
  private final Plugins plugins;
  private final Clock clock;
  private final String actor;

  /** @param registry where the verification is stored (an audited one logs it) */
  public RerunVerifier(Store store, Registry registry, SuiteExecution execution, Plugins plugins, Clock clock,
      String actor) {
    this.store = store;
    this.registry = registry;
    this.execution = execution;
    this.plugins = plugins;
    this.clock = clock;
    this.actor = actor;
  }

  /**
   * @param runRef a run id or unique prefix
   * @param allowChanged run even when the system's content changed since the original
   * @throws dev.assay.core.InputException for an unknown, unfinished or failed run, a missing
   *     dataset, or changed content without {@code allowChanged}
   */
  public Verification verify(String runRef, boolean allowChanged) throws InterruptedException {
    RunRecord original = RunRefs.resolve(store, runRef);
    if (original.status() != RunStatus.COMPLETED) {
      throw dev.assay.core.InputException.of("run " + original.runId() + " is " + original.status().wire()
          + "; only a completed run can be verified by a rerun", "a completed run from assay runs list");
    }
    SuiteExecution.Rerun made = execution.rerun(original.runId(), allowChanged);
    RunRecord rerun = made.rerun();
    boolean nondeterministic = original.repeats() > 1
        || original.system().params().path("nondeterministic").asBoolean(false);
    List<ExampleResult> before = store.results(original.runId());
    List<ExampleResult> after = store.results(rerun.runId());
    Set<String> measured = new LinkedHashSet<>();
    List<Verification.ExampleDifference> listed = new ArrayList<>();
    int differing = 0;
    Map<ExampleResult.Key, ExampleResult> byKey = new LinkedHashMap<>();
    after.forEach(r -> byKey.put(r.key(), r));
    Set<ExampleResult.Key> seen = new LinkedHashSet<>();
    for (ExampleResult a : before) {
      seen.add(a.key());
      List<String> changes = changes(a, byKey.get(a.key()), measured);
      if (!changes.isEmpty()) {
        differing++;
        if (listed.size() < Verification.LISTED) {
          listed.add(new Verification.ExampleDifference(a.id(), a.repeat(), changes));
        }
      }
    }
    for (ExampleResult b : after) {
      if (!seen.contains(b.key())) {
        differing++;
        if (listed.size() < Verification.LISTED) {
          listed.add(new Verification.ExampleDifference(b.id(), b.repeat(), List.of("only in the rerun")));
        }
      }
    }
    original.metrics().stream().filter(RerunVerifier::measuresTime).forEach(measured::add);

    List<Verification.MetricDifference> metrics = new ArrayList<>();
    Reproduction.Outcome outcome;
    String reason;
    if (rerun.status() != RunStatus.COMPLETED) {
      outcome = Reproduction.Outcome.NOT_REPRODUCIBLE;
      reason = "the rerun " + rerun.status().wire() + (rerun.failure() == null ? "" : ": " + rerun.failure());
      aggregates(original, rerun, metrics, null);
    } else if (differing == 0) {
      outcome = Reproduction.Outcome.REPRODUCIBLE;
      reason = "every output and score of " + before.size() + " results is identical";
      aggregates(original, rerun, metrics, null);
    } else if (nondeterministic) {
      ComparisonResult compared = new ComparisonService(store, plugins, clock).compare(
          Side.ofRun(original, before), Side.ofRun(rerun, after),
          ComparisonService.Request.of(CompareOptions.defaults().withSeed(original.seed()).withAllowPartial(true)));
      aggregates(original, rerun, metrics, compared);
      List<String> outside = metrics.stream().filter(m -> Boolean.FALSE.equals(m.withinSamplingError()))
          .map(Verification.MetricDifference::metric).toList();
      outcome = outside.isEmpty() ? Reproduction.Outcome.CONSISTENT : Reproduction.Outcome.NOT_REPRODUCIBLE;
      reason = differing + " of " + before.size() + " results differ, as a non-deterministic system's may; "
          + (outside.isEmpty() ? "every metric's difference is within the runs' sampling error"
              : "the difference of " + String.join(", ", outside) + " is beyond the runs' sampling error");
    } else {
      outcome = Reproduction.Outcome.NOT_REPRODUCIBLE;
      reason = differing + " of " + before.size() + " results differ, and the system is deterministic (declare "
          + "nondeterministic: true on a system that samples)";
      aggregates(original, rerun, metrics, null);
    }
    String id = RunIds.next();
    Verification v = new Verification(original, rerun, outcome, reason, nondeterministic, made.contentChanged(),
        before.size(), differing, listed, metrics, new ArrayList<>(measured), id);
    registry.saveReproduction(new Reproduction(id, clock.instant(), actor, original.runId(), rerun.runId(), outcome,
        v.toJson()));
    return v;
  }

  /** Metrics whose values are measurements of time, which no rerun repeats exactly. */
  static boolean measuresTime(String metric) {
    String base = MetricName.baseOf(metric);
    return base.startsWith("latency_") || base.equals("throughput");
  }

  /** What differs between two results of the same key, in words; empty when nothing compared differs. */
  private static List<String> changes(ExampleResult a, ExampleResult b, Set<String> measured) {
    if (b == null) {
      return List.of("missing from the rerun");
    }
    List<String> out = new ArrayList<>();
    if (!Json.canonical(a.output()).equals(Json.canonical(b.output()))) {
      out.add("output");
    }
    if (!Objects.equals(a.error(), b.error())) {
      out.add(a.error() == null ? "error in the rerun: " + b.error() : b.error() == null
          ? "no error in the rerun (was: " + a.error() + ")" : "error: " + a.error() + " -> " + b.error());
    }
    Set<String> metrics = new LinkedHashSet<>(a.scores().keySet());
    metrics.addAll(b.scores().keySet());
    for (String m : metrics) {
      if (measuresTime(m)) {
        measured.add(m);
        continue;
      }
      Score x = a.scores().get(m);
      Score y = b.scores().get(m);
      if (!sameScore(x, y)) {
        out.add("score " + m + " " + text(x) + " -> " + text(y));
      }
    }
    if (!a.metricErrors().equals(b.metricErrors())) {
      out.add("metric errors " + a.metricErrors().keySet() + " -> " + b.metricErrors().keySet());
    }
    if (!Objects.equals(a.tokensIn(), b.tokensIn()) || !Objects.equals(a.tokensOut(), b.tokensOut())
        || !Objects.equals(a.cost(), b.cost())) {
      out.add("usage (tokens or cost)");
    }
    return out;
  }

  private static boolean sameScore(Score x, Score y) {
    if (x == null || y == null) {
      return x == y;
    }
    return Double.compare(x.value(), y.value()) == 0 && Arrays.equals(x.statistics(), y.statistics())
        && Objects.equals(x.labels(), y.labels());
  }

  private static String text(Score s) {
    return s == null ? "(none)" : s.hasValue() ? String.format(Locale.ROOT, "%.6g", s.value()) : "(no value)";
  }

  private static void aggregates(RunRecord original, RunRecord rerun, List<Verification.MetricDifference> out,
      ComparisonResult compared) {
    for (Map.Entry<String, Double> e : original.aggregates().entrySet()) {
      if (measuresTime(e.getKey())) {
        continue;
      }
      double after = rerun.aggregates().getOrDefault(e.getKey(), Double.NaN);
      Comparison c = compared == null ? null : compared.report().comparison(e.getKey()).orElse(null);
      out.add(new Verification.MetricDifference(e.getKey(), e.getValue(), after, c == null ? null : c.ci(),
          c == null ? null : c.ci().contains(0.0)));
    }
  }
}
