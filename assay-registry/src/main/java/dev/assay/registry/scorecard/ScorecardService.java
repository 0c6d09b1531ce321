package dev.assay.registry.scorecard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Direction;
import dev.assay.core.ExampleResult;
import dev.assay.core.InputException;
import dev.assay.core.Kpi;
import dev.assay.core.Plan;
import dev.assay.core.Plugins;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Store;
import dev.assay.core.VerdictRecord;
import dev.assay.core.registry.AliasMove;
import dev.assay.core.registry.Model;
import dev.assay.core.registry.ModelVersion;
import dev.assay.core.registry.Registry;
import dev.assay.core.registry.Reproduction;
import dev.assay.core.text.HumanTime;
import dev.assay.registry.coverage.Behaviours;
import dev.assay.registry.coverage.Coverage;
import dev.assay.stats.ConfidenceInterval;
import dev.assay.stats.Percentiles;
import dev.assay.stats.interval.ClopperPearsonInterval;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Computes the research KPI scorecard from the store (docs/scorecard.md). Every figure says how it
 * is computed and from which runs, verdicts, plans and moves; nothing is estimated that the store
 * does not hold.
 */
public final class ScorecardService {
  /** The alias whose holder the champion figures describe. */
  public static final String CHAMPION = "champion";
  /** The one-sided level of the upper confidence bounds of event rates. */
  public static final double UPPER_BOUND_LEVEL = 0.95;
  /** The two-sided level whose upper end is the one-sided {@link #UPPER_BOUND_LEVEL} bound. */
  private static final double TWO_SIDED_LEVEL = 0.90;

  private final Store store;
  private final Registry registry;
  private final Plugins plugins;
  private final Clock clock;

  public ScorecardService(Store store, Registry registry, Plugins plugins, Clock clock) {
    this.store = store;
    this.registry = registry;
    this.plugins = plugins;
    this.clock = clock;
  }

  /**
   * What to compute.
   *
   * @param since the window's start (its end is now)
   * @param model only this model, or null for every model
   * @param behaviours the behaviours for regression coverage, or null (then it is not computed)
   */
  public record Request(Instant since, String model, Behaviours behaviours) {}

  public Scorecard compute(Request request) {
    Instant until = clock.instant();
    Instant since = request.since();
    List<Model> models = request.model() == null ? registry.models() : List.of(registry.model(request.model())
        .orElseThrow(() -> InputException.of("unknown model '" + request.model() + "'", "a model from assay models list")));
    List<RunRecord> runs = store.runs();
    Map<String, List<ModelVersion>> versions = new LinkedHashMap<>();
    models.forEach(m -> versions.put(m.name(), registry.versions(m.name())));
    Set<String> modelRuns = runs.stream().filter(r -> versions.values().stream().flatMap(List::stream)
        .anyMatch(v -> v.evaluatedBy(r))).map(RunRecord::runId).collect(Collectors.toSet());
    Predicate<String> inScope = id -> request.model() == null || (id != null && modelRuns.contains(id));
    Predicate<Instant> inWindow = t -> t != null && !t.isBefore(since) && !t.isAfter(until);
    Map<String, RunRecord> byId = new LinkedHashMap<>();
    runs.forEach(r -> byId.put(r.runId(), r));
    List<VerdictRecord> verdicts = store.verdicts(VerdictRecord.Query.ALL);
    List<VerdictRecord> windowVerdicts = verdicts.stream().filter(v -> inWindow.test(v.createdAt()))
        .filter(v -> inScope.test(v.candidateRun()) || inScope.test(v.baselineRun())).toList();

    List<Scorecard.Section> sections = new ArrayList<>();
    sections.add(new Scorecard.Section("Offline lift vs baseline", lift(windowVerdicts.stream()
        .filter(v -> inScope.test(v.candidateRun())).toList(), byId)));
    List<Reproduction> reproductions = registry.reproductions();
    Set<String> reruns = reproductions.stream().map(Reproduction::rerunRun).collect(Collectors.toSet());
    sections.add(new Scorecard.Section("Current champion", champion(models, runs.stream()
        .filter(r -> !reruns.contains(r.runId())).toList())));
    sections.add(new Scorecard.Section("Regression coverage", coverage(models, request.behaviours())));
    sections.add(new Scorecard.Section("Reproducibility compliance", reproducibility(runs, reproductions, reruns,
        inScope, inWindow)));
    sections.add(new Scorecard.Section("Experiments", experiments(windowVerdicts, verdicts, since, until, inScope,
        inWindow)));
    sections.add(new Scorecard.Section("Promotions", promotions(models, inWindow)));
    return new Scorecard(until, since, until, request.model(), sections);
  }

  // ---- lift ----

  private List<Figure> lift(List<VerdictRecord> verdicts, Map<String, RunRecord> runs) {
    Map<String, Figure> latest = new LinkedHashMap<>();
    List<VerdictRecord> newestFirst = verdicts.stream().sorted(Comparator.comparing(VerdictRecord::createdAt)
        .thenComparing(VerdictRecord::id).reversed()).toList();
    for (VerdictRecord v : newestFirst) {
      RunRecord candidate = v.candidateRun() == null ? null : runs.get(v.candidateRun());
      Set<String> quality = candidate == null ? Set.of() : Kpi.declared(candidate.suite()).entrySet().stream()
          .filter(e -> e.getValue() == Kpi.QUALITY).map(Map.Entry::getKey).collect(Collectors.toSet());
      for (JsonNode rule : v.detail().path("rules")) {
        String kind = rule.path("rule").asText();
        String metric = rule.path("metric").asText();
        if (!(kind.equals("superiority") || kind.equals("non_inferiority"))
            || (!quality.isEmpty() && !quality.contains(metric))) {
          continue;
        }
        String key = v.suiteName() + "\u0000" + v.candidateSystem() + "\u0000" + metric;
        if (latest.containsKey(key)) {
          continue;
        }
        JsonNode ci = rule.path("ci");
        List<String> sources = new ArrayList<>(List.of("verdict:" + v.id()));
        if (v.baselineRun() != null) {
          sources.add("run:" + v.baselineRun());
        }
        if (v.candidateRun() != null) {
          sources.add("run:" + v.candidateRun());
        }
        latest.put(key, new Figure("lift", v.suiteName() + ": " + metric + ", " + v.candidateSystem() + " vs "
            + v.baselineSystem(), number(rule.path("estimate")), metric,
            ci.isArray() && ci.size() == 2 ? number(ci.get(0)) : Double.NaN,
            ci.isArray() && ci.size() == 2 ? number(ci.get(1)) : Double.NaN,
            "Candidate minus baseline of " + metric + " over the paired examples, with the gate's "
                + percent(v.detail().path("confidence").asDouble(Double.NaN)) + " interval, from the latest verdict "
                + "in the window for this suite, candidate and metric (" + kind.replace('_', '-') + " rule).",
            sources, "verdict " + v.verdict() + " on " + HumanTime.of(v.createdAt())));
      }
    }
    if (latest.isEmpty()) {
      return List.of(Figure.of("lift", "offline lift", Double.NaN, "", "Candidate minus baseline from the latest "
          + "verdict per suite, candidate and metric.", List.of(), "no verdict with a superiority or "
          + "non-inferiority rule in the window"));
    }
    return new ArrayList<>(latest.values());
  }

  // ---- the champion ----

  /** The champion figures of each model, from its champion's latest completed run per suite (reruns excluded). */
  private List<Figure> champion(List<Model> models, List<RunRecord> runs) {
    List<Figure> out = new ArrayList<>();
    if (models.isEmpty()) {
      out.add(Figure.of("champion", "current champion", Double.NaN, "", "The version holding the alias "
          + CHAMPION + ".", List.of(), "no model is registered (assay models register)"));
      return out;
    }
    for (Model m : models) {
      Integer holder = registry.aliases(m.name()).get(CHAMPION);
      Optional<ModelVersion> version = holder == null ? Optional.empty() : registry.version(m.name(), holder);
      if (version.isEmpty()) {
        out.add(Figure.of("champion", m.name() + ": current champion", Double.NaN, "", "The version holding the alias "
            + CHAMPION + ".", List.of("model:" + m.name()), "no version holds " + CHAMPION));
        continue;
      }
      ModelVersion v = version.get();
      Map<String, RunRecord> latestPerSuite = new LinkedHashMap<>();
      runs.stream().filter(r -> r.status() == RunStatus.COMPLETED && v.evaluatedBy(r))
          .sorted(Comparator.comparing(RunRecord::startedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
              .reversed())
          .forEach(r -> latestPerSuite.putIfAbsent(String.valueOf(r.suiteName()), r));
      if (latestPerSuite.isEmpty()) {
        out.add(Figure.of("champion", v.label() + ": current champion", Double.NaN, "", "The version holding the "
            + "alias " + CHAMPION + ".", List.of("version:" + v.label()), "no completed run of the champion"));
      }
      for (RunRecord r : latestPerSuite.values()) {
        out.addAll(championRun(v, r));
      }
    }
    return out;
  }

  private List<Figure> championRun(ModelVersion v, RunRecord r) {
    List<Figure> out = new ArrayList<>();
    List<ExampleResult> results = store.results(r.runId());
    String where = v.label() + " on " + r.suiteName();
    List<String> sources = List.of("run:" + r.runId(), "version:" + v.label());
    double[] latencies = results.stream().filter(ExampleResult::ok).map(ExampleResult::latencyMs)
        .filter(x -> x != null && Double.isFinite(x)).mapToDouble(Double::doubleValue).sorted().toArray();
    out.add(Figure.of("latency_p95", where + ": latency p95", latencies.length == 0 ? Double.NaN
        : Percentiles.linear(latencies, 0.95), "ms", "The 95th percentile (type 7, linear interpolation) of the "
            + "per-request latency of the champion's latest completed run of the suite, over its " + latencies.length
            + " answered requests.", sources, latencies.length == 0 ? "no latency recorded" : null));
    double[] costs = results.stream().map(ExampleResult::cost).filter(x -> x != null && Double.isFinite(x))
        .mapToDouble(Double::doubleValue).toArray();
    out.add(Figure.of("cost_per_1k", where + ": cost per 1,000 requests", costs.length == 0 ? Double.NaN
        : 1000 * Arrays.stream(costs).sum() / costs.length, "", "The total cost over the number of requests that "
            + "report a cost (" + costs.length + " of " + results.size() + "), times 1,000, in the champion's latest "
            + "completed run of the suite.", sources, costs.length == 0 ? "the system reports no cost" : null));
    for (Map.Entry<String, Kpi> k : Kpi.declared(r.suite()).entrySet()) {
      if (k.getValue() != Kpi.QUALITY) {
        out.add(rate(v, r, results, k.getKey(), k.getValue(), sources));
      }
    }
    return out;
  }

  private Figure rate(ModelVersion v, RunRecord r, List<ExampleResult> results, String metric, Kpi kpi,
      List<String> sources) {
    String what = kpi == Kpi.HALLUCINATION ? "hallucination rate" : "safety-violation rate";
    String id = kpi == Kpi.HALLUCINATION ? "hallucination_rate" : "safety_violation_rate";
    String label = v.label() + " on " + r.suiteName() + ": " + what + " (" + metric + ")";
    Direction direction;
    try {
      direction = plugins.metric(metric, null, 0).direction();
    } catch (InputException e) {
      return Figure.of(id, label, Double.NaN, "share", "", sources, "metric '" + metric + "' is not installed");
    }
    double event = direction.higherIsBetter() ? 0 : 1;
    long n = 0;
    long events = 0;
    for (ExampleResult x : results) {
      Double value = x.value(metric);
      if (value == null) {
        continue;
      }
      if (value != 0 && value != 1) {
        return Figure.of(id, label, Double.NaN, "share", "", sources, "metric '" + metric
            + "' has values other than 0 and 1, so it does not count events");
      }
      n++;
      events += value == event ? 1 : 0;
    }
    String definition = "The share of the " + n + " scored examples of the champion's latest completed run of the "
        + "suite that fail " + metric + " (value " + (int) event + "), with the one-sided "
        + percent(UPPER_BOUND_LEVEL) + " Clopper-Pearson upper confidence bound.";
    if (n == 0) {
      return Figure.of(id, label, Double.NaN, "share", definition, sources, "no example was scored");
    }
    ConfidenceInterval ci = ClopperPearsonInterval.of(events, n, TWO_SIDED_LEVEL);
    return new Figure(id, label, (double) events / n, "share", Double.NaN, ci.upper(), definition, sources,
        "events: " + events + " of " + n);
  }

  // ---- coverage ----

  private List<Figure> coverage(List<Model> models, Behaviours behaviours) {
    String definition = "The share of behaviours, weighted by criticality, with at least the file's min_examples "
        + "examples protected by a non_inferiority or no_regressions rule of one suite the model's promotion policy "
        + "requires.";
    if (behaviours == null) {
      return List.of(Figure.of("coverage", "regression coverage", Double.NaN, "share", definition, List.of(),
          "no behaviours file (--behaviours FILE, or behaviours.yaml in the working directory)"));
    }
    if (models.isEmpty()) {
      return List.of(Figure.of("coverage", "regression coverage", Double.NaN, "share", definition,
          List.of("file:" + behaviours.source()), "no model is registered"));
    }
    List<Figure> out = new ArrayList<>();
    for (Model m : models) {
      try {
        Coverage.Report report = Coverage.forModel(behaviours, registry, m.name(), plugins);
        List<String> sources = new ArrayList<>(List.of("file:" + behaviours.source()));
        report.suites().forEach(s -> sources.add("suite:" + s));
        List<String> uncovered = report.rows().stream().filter(r -> !r.covered()).map(r -> r.behaviour().id())
            .toList();
        out.add(Figure.of("coverage", m.name() + ": regression coverage", report.share(), "share", definition,
            sources, report.note() != null ? report.note() : uncovered.isEmpty() ? "every behaviour covered"
                : "uncovered: " + String.join(", ", uncovered)));
      } catch (InputException e) {
        out.add(Figure.of("coverage", m.name() + ": regression coverage", Double.NaN, "share", definition,
            List.of("file:" + behaviours.source()), "a suite of its policy cannot be read: " + e.render()));
      }
    }
    return out;
  }

  // ---- reproducibility ----

  /** Whether a run's lineage is complete: committed clean code, dataset and suite hashes (the seed and spec always are). */
  public static boolean completeLineage(RunRecord r) {
    return r.lineage() != null && r.lineage().gitCommit() != null && Boolean.FALSE.equals(r.lineage().gitDirty())
        && r.datasetHash() != null && r.suiteHash() != null;
  }

  private List<Figure> reproducibility(List<RunRecord> runs, List<Reproduction> reproductions, Set<String> reruns,
      Predicate<String> inScope, Predicate<Instant> inWindow) {
    List<RunRecord> counted = runs.stream().filter(r -> r.status().finished() && inWindow.test(r.startedAt())
        && inScope.test(r.runId()) && !reruns.contains(r.runId())).toList();
    List<String> runIds = counted.stream().map(r -> "run:" + r.runId()).toList();
    long complete = counted.stream().filter(ScorecardService::completeLineage).count();
    Map<String, Reproduction> verified = new LinkedHashMap<>();
    for (Reproduction p : reproductions) {
      if (p.outcome().verified()) {
        verified.putIfAbsent(p.originalRun(), p);
      }
    }
    List<RunRecord> verifiedRuns = counted.stream().filter(r -> verified.containsKey(r.runId())).toList();
    List<String> verifiedSources = verifiedRuns.stream().map(r -> "reproduction:" + verified.get(r.runId()).id())
        .toList();
    double n = counted.size();
    // ids pushed to a server may be shorter than the 8 characters shown
    String incomplete = counted.stream().filter(r -> !completeLineage(r))
        .map(r -> r.runId().substring(0, Math.min(8, r.runId().length()))).limit(5).collect(Collectors.joining(", "));
    return List.of(
        Figure.of("reproducibility.lineage", "runs with complete lineage", n == 0 ? Double.NaN : complete / n, "share",
            "The share of finished runs started in the window (reruns excluded) whose lineage is complete: a git "
                + "commit with a clean working tree, the dataset hash and the suite hash (the seed and the system "
                + "spec and content hash are always recorded).", runIds,
            n == 0 ? "no finished run in the window" : "complete: " + complete + " of " + counted.size()
                + (complete < n ? "; incomplete: " + incomplete + (n - complete > 5 ? ", ..." : "") : "")),
        Figure.of("reproducibility.verified", "runs verified by a rerun", n == 0 ? Double.NaN : verifiedRuns.size() / n,
            "share", "The share of the same runs that assay rerun --verify found reproducible (or, for "
                + "non-deterministic systems, consistent within sampling error).", verifiedSources,
            n == 0 ? "no finished run in the window" : "verified: " + verifiedRuns.size() + " of " + counted.size()));
  }

  // ---- experiments ----

  private List<Figure> experiments(List<VerdictRecord> windowVerdicts, List<VerdictRecord> all, Instant since,
      Instant until, Predicate<String> inScope, Predicate<Instant> inWindow) {
    double weeks = Duration.between(since, until).toMillis() / (7.0 * 24 * 3600 * 1000);
    List<Figure> out = new ArrayList<>();
    out.add(Figure.of("throughput", "verdicts per week", weeks <= 0 ? Double.NaN : windowVerdicts.size() / weeks,
        "per week", "The number of gate verdicts recorded in the window (" + windowVerdicts.size() + ") over its "
            + "length in weeks (" + String.format(Locale.ROOT, "%.2f", weeks) + ").",
        windowVerdicts.stream().map(v -> "verdict:" + v.id()).toList(), null));
    List<VerdictRecord> oldestFirst = all.stream().sorted(Comparator.comparing(VerdictRecord::createdAt)
        .thenComparing(VerdictRecord::id)).toList();
    List<Double> hours = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    int waiting = 0;
    for (Plan p : store.plans()) {
      if (!inWindow.test(p.createdAt())) {
        continue;
      }
      Optional<VerdictRecord> first = oldestFirst.stream().filter(v -> p.hash().equals(v.planHash())).findFirst();
      if (first.isEmpty()) {
        waiting += 1;
        continue;
      }
      VerdictRecord v = first.get();
      if (!inScope.test(v.candidateRun()) && !inScope.test(v.baselineRun())) {
        continue;
      }
      hours.add(Duration.between(p.createdAt(), v.createdAt()).toMillis() / 3_600_000.0);
      sources.add("plan:" + p.hash());
      sources.add("verdict:" + v.id());
    }
    double[] sorted = hours.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    out.add(Figure.of("time_to_first_signal", "time to first signal (median)", sorted.length == 0 ? Double.NaN
        : Percentiles.linear(sorted, 0.5), "hours", "The median, over plans registered in the window that have a "
            + "verdict citing them, of the time from the plan to its first verdict.", sources,
        "plans with a verdict: " + sorted.length + (waiting > 0 ? "; without one yet: " + waiting : "")));
    return out;
  }

  // ---- promotions ----

  private List<Figure> promotions(List<Model> models, Predicate<Instant> inWindow) {
    Map<AliasMove.Kind, List<AliasMove>> byKind = new LinkedHashMap<>();
    for (AliasMove.Kind k : AliasMove.Kind.values()) {
      byKind.put(k, new ArrayList<>());
    }
    for (Model m : models) {
      registry.aliasHistory(m.name()).stream().filter(mv -> inWindow.test(mv.at()))
          .forEach(mv -> byKind.get(mv.kind()).add(mv));
    }
    List<Figure> out = new ArrayList<>();
    Set<String> reasons = new HashSet<>();
    byKind.get(AliasMove.Kind.OVERRIDE).forEach(mv -> reasons.add(mv.model() + "@" + mv.to() + ": " + mv.reason()));
    out.add(count("promotions", "promotions on the evidence", byKind.get(AliasMove.Kind.PROMOTION),
        "Alias moves in the window whose policy requirements were met by stored PASS verdicts.", null));
    out.add(count("overrides", "overrides", byKind.get(AliasMove.Kind.OVERRIDE),
        "Alias moves in the window made without the evidence the policy asks for, each with its reason.",
        reasons.isEmpty() ? null : String.join("; ", reasons.stream().sorted().toList())));
    out.add(count("rollbacks", "rollbacks", byKind.get(AliasMove.Kind.ROLLBACK),
        "Alias moves in the window back to the previous holder.", null));
    return out;
  }

  private static Figure count(String id, String label, List<AliasMove> moves, String definition, String note) {
    return Figure.of(id, label, moves.size(), "moves", definition, moves.stream().map(m -> "move:" + m.id()).toList(),
        note);
  }

  private static double number(JsonNode n) {
    return n != null && n.isNumber() ? n.doubleValue() : Double.NaN;
  }

  private static String percent(double level) {
    return Double.isFinite(level) ? String.format(Locale.ROOT, "%.0f%%", 100 * level) : "stated";
  }
}
