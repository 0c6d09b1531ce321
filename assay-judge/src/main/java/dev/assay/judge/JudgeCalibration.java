package dev.assay.judge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.CalibrationRecord;
import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.LineageProbe;
import dev.assay.core.Metric;
import dev.assay.core.Output;
import dev.assay.core.PluginContext;
import dev.assay.core.Plugins;
import dev.assay.core.ResponseCache;
import dev.assay.core.RunIds;
import dev.assay.core.Score;
import dev.assay.core.Scorer;
import dev.assay.core.Store;
import dev.assay.core.Suite;
import dev.assay.core.io.HumanLabels;
import dev.assay.engine.EngineModelCaller;
import dev.assay.stats.agreement.Kappa;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code assay judge calibrate}: asks a suite's judge about every answer in a human labels file,
 * measures how it agrees with the humans ({@link Agreement}) and stores the result as a {@link
 * CalibrationRecord} bound to the judge's identity ({@link Scorer#identities()}: model settings,
 * rubric text, scale), the identity a run of the same judge records.
 *
 * <p>The judge is called through the engine's caller with the suite's retries, rate limit and the
 * response cache, so calibrating twice, or calibrating answers a run already judged, asks the model
 * nothing new. An answer the judge fails on is reported and left out, never counted as a
 * disagreement.
 */
public final class JudgeCalibration {
  private final Store store;
  private final ResponseCache cache;
  private final Plugins plugins;
  private final Clock clock;
  private final Path workingDirectory;
  private final Map<String, String> env;

  public JudgeCalibration(Store store, ResponseCache cache, Plugins plugins, Clock clock, Path workingDirectory,
      Map<String, String> env) {
    this.store = store;
    this.cache = cache;
    this.plugins = plugins;
    this.clock = clock;
    this.workingDirectory = workingDirectory;
    this.env = env;
  }

  /** An answer the judge could not score. */
  public record Failure(String id, String message) {}

  /** The stored calibration with what it was computed from. */
  public record Result(CalibrationRecord record, Agreement agreement, List<Failure> failures) {}

  /**
   * Calibrates the judge metric {@code metric} of {@code suite}.
   *
   * @param dataset the suite's dataset (examples are looked up by id), or null to use only the
   *     examples the labels file describes inline
   * @param metric the judged metric's name; null for the suite's only judge
   * @throws InputException when the suite has no such judge, or a labelled id is in neither the
   *     dataset nor the labels file
   */
  public Result calibrate(Suite suite, Dataset dataset, HumanLabels labels, String metric, double confidence,
      boolean useCache) throws InterruptedException {
    Map<String, Example> examples = new HashMap<>();
    if (dataset != null) {
      dataset.examples().forEach(e -> examples.putIfAbsent(e.id(), e));
    }
    List<HumanLabels.Item> items = labels.items();
    for (HumanLabels.Item item : items) {
      if (!examples.containsKey(item.id())) {
        Example inline = labels.example(item.id()).orElseThrow(() -> new InputException(labels.source(), item.line(),
            "id", "example '" + item.id() + "' is not in the suite's dataset and the line gives no input",
            "an id of the suite's dataset, or an \"input\" on the label's line"));
        examples.put(item.id(), inline);
      }
    }
    ResponseCache calls = useCache ? cache : ResponseCache.NONE;
    try (EngineModelCaller models = new EngineModelCaller(suite.engine(), calls)) {
      PluginContext context = new PluginContext(suite.file(), workingDirectory, env, calls, clock, models);
      String spec = judgeSpec(suite, metric);
      try (Scorer scorer = plugins.scorer(spec, context)) {
        String name = scorer.metrics().get(0).name();
        String identity = scorer.identities().get(name);
        if (identity == null) {
          throw new InputException(suite.file(), 0, "metrics", "metric '" + name + "' is not a judge",
              "a judge metric (judge:...) of the suite");
        }
        List<Judged> judged = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (HumanLabels.Item item : items) {
          Score s;
          try {
            s = scorer.score(examples.get(item.id()), Output.text(item.output())).get(name);
          } catch (RuntimeException e) {
            failures.add(new Failure(item.id(), e.getMessage()));
            continue;
          }
          if (s == null || Double.isNaN(s.value())) {
            failures.add(new Failure(item.id(), "no score"));
            continue;
          }
          judged.add(new Judged(item.id(), s.value(), item.ratings(), item.consensus(),
              s.statisticCount() >= 2 ? s.statistics() : null));
        }
        Agreement agreement = Agreement.of(judged, confidence);
        ObjectNode detail = agreement.toJson();
        var failed = detail.putArray("failures");
        failures.forEach(f -> failed.addObject().put("id", f.id()).put("message", f.message()));
        detail.put("unlabelled", labels.unlabelled());
        Map<String, CalibrationRecord.KappaValue> kappas = new LinkedHashMap<>();
        agreement.kappa().forEach((w, k) -> kappas.put(w.wire(), value(k)));
        CalibrationRecord record = new CalibrationRecord(RunIds.next(), clock.instant(), name, identity, spec,
            labels.source(), labels.hash(), agreement.n(), kappas, agreement.accuracy(), LineageProbe.assayVersion(),
            detail);
        store.saveCalibration(record);
        return new Result(record, agreement, failures);
      }
    }
  }

  private static CalibrationRecord.KappaValue value(Kappa k) {
    return new CalibrationRecord.KappaValue(k.estimate(), k.standardError());
  }

  /** The spec of the suite's judge metric named {@code metric} (or its only judge). */
  private String judgeSpec(Suite suite, String metric) {
    List<String> judges = new ArrayList<>();
    for (String spec : suite.metrics()) {
      Optional<Metric> m = plugins.describe(spec);
      String name = m.map(Metric::name).orElse(spec);
      if (metric != null ? name.equals(metric) : name.equals("judge")) {
        judges.add(spec);
      }
    }
    if (judges.size() == 1) {
      return judges.get(0);
    }
    throw new InputException(suite.file(), 0, "metrics", judges.isEmpty()
        ? "the suite has no metric '" + (metric == null ? "judge" : metric) + "'"
        : "the suite has " + judges.size() + " metrics named '" + metric + "'",
        "a suite with one judge metric, or --metric NAME");
  }
}
