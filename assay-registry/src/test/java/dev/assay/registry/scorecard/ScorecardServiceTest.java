package dev.assay.registry.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Counts;
import dev.assay.core.Direction;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.Lineage;
import dev.assay.core.MeanMetric;
import dev.assay.core.Metric;
import dev.assay.core.PluginContext;
import dev.assay.core.Plugins;
import dev.assay.core.RunIds;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Scale;
import dev.assay.core.Score;
import dev.assay.core.Scorer;
import dev.assay.core.ScorerProvider;
import dev.assay.core.SystemSpec;
import dev.assay.core.registry.AliasMove;
import dev.assay.core.registry.Model;
import dev.assay.core.registry.ModelVersion;
import dev.assay.testkit.InMemoryRegistry;
import dev.assay.testkit.InMemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Scorecard figures that the end-to-end test does not reach: a lower-is-better safety flag, a
 * metric that is not 0/1, cost, the window, and the --model filter.
 */
class ScorecardServiceTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private final InMemoryStore store = new InMemoryStore();
  private final InMemoryRegistry registry = new InMemoryRegistry();

  /** {@code unsafe}: a lower-is-better 0/1 flag; {@code score}: a fraction. */
  static final class Flags implements ScorerProvider {
    @Override
    public Set<String> names() {
      return Set.of("unsafe", "score");
    }

    @Override
    public Optional<Metric> metric(String spec) {
      return switch (spec) {
        case "unsafe" -> Optional.of(new MeanMetric("unsafe", Direction.LOWER_IS_BETTER, Scale.UNIT));
        case "score" -> Optional.of(MeanMetric.unit("score"));
        default -> Optional.empty();
      };
    }

    @Override
    public Scorer scorer(Metric metric, PluginContext context) {
      throw new UnsupportedOperationException("not run in this test");
    }
  }

  private final ScorecardService service = new ScorecardService(store, registry,
      Plugins.of(List.of(), List.of(new Flags())), Clock.fixed(NOW, ZoneOffset.UTC));

  private static SystemSpec spec(String path) {
    ObjectNode p = Json.object();
    p.put("path", path);
    return new SystemSpec("s", "predictions", p, 0);
  }

  private RunRecord run(SystemSpec spec, Instant at, boolean clean, List<ExampleResult> results) {
    ObjectNode suite = Json.object();
    suite.putObject("kpi").put("unsafe", "safety").put("score", "hallucination");
    RunRecord r = RunRecord.started(RunIds.next(), "s", "/s.yaml", "sh", suite, spec, null, "d", "dh",
        results.size(), 1, List.of("unsafe", "score"), null, null, new Lineage("0.1", "c", !clean, "j", "o"), 0, at);
    store.createRun(r);
    store.append(r.runId(), results);
    RunRecord done = r.finish(RunStatus.COMPLETED, at, new Counts(results.size(), 0, Map.of()), Map.of());
    store.updateRun(done);
    return done;
  }

  private static List<ExampleResult> results(int n, int unsafe, Double cost) {
    List<ExampleResult> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new ExampleResult("e" + i, i, 0, TextNode.valueOf("x"), Map.of("unsafe", Score.of(i < unsafe ? 1 : 0),
          "score", Score.of(0.5)), 100.0 + i, null, null, cost, null, 1, false));
    }
    return out;
  }

  private void model(String name, SystemSpec spec) {
    registry.createModel(new Model(name, NOW.minusSeconds(100), "a", null));
    registry.addVersion(new ModelVersion(name, 0, NOW.minusSeconds(100), "a", spec, null, null, null, null, null));
    registry.moveAlias(new AliasMove(RunIds.next(), name, "champion", null, 1, AliasMove.Kind.OVERRIDE,
        NOW.minus(Duration.ofDays(200)), "a", "first", List.of(), null));
  }

  private static Figure only(Scorecard card, String id) {
    assertThat(card.figures(id)).hasSize(1);
    return card.figures(id).get(0);
  }

  @Test
  void aLowerIsBetterFlagCountsOnesAndAFractionIsNoEventCount() {
    SystemSpec a = spec("a");
    model("m", a);
    run(a, NOW.minusSeconds(50), true, results(20, 0, 0.002));
    Scorecard card = service.compute(new ScorecardService.Request(NOW.minus(Duration.ofDays(90)), null, null));
    Figure safety = only(card, "safety_violation_rate");
    assertThat(safety.value()).isZero();
    assertThat(safety.upper()).as("one-sided 95%% bound with no events: 1 - 0.05^(1/n)")
        .isCloseTo(1 - Math.pow(0.05, 1.0 / 20), org.assertj.core.api.Assertions.within(1e-9));
    assertThat(only(card, "hallucination_rate").hasValue()).isFalse();
    assertThat(only(card, "hallucination_rate").note()).contains("values other than 0 and 1");
    assertThat(only(card, "cost_per_1k").value()).isCloseTo(2.0, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(only(card, "latency_p95").value()).isCloseTo(100 + 0.95 * 19, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(only(card, "coverage").note()).contains("no behaviours file");
    assertThat(only(card, "overrides").value()).as("the override is older than the window").isZero();
  }

  @Test
  void theWindowAndTheModelNarrowWhatIsCounted() {
    SystemSpec a = spec("a");
    SystemSpec b = spec("b");
    model("m", a);
    model("n", b);
    run(a, NOW.minus(Duration.ofDays(100)), true, results(5, 1, null));
    run(a, NOW.minus(Duration.ofDays(10)), true, results(5, 1, null));
    run(a, NOW.minus(Duration.ofDays(5)), false, results(5, 1, null));
    run(b, NOW.minus(Duration.ofDays(5)), true, results(5, 1, null));
    Scorecard all = service.compute(new ScorecardService.Request(NOW.minus(Duration.ofDays(90)), null, null));
    assertThat(only(all, "reproducibility.lineage").value()).isCloseTo(2 / 3.0,
        org.assertj.core.api.Assertions.within(1e-12));
    assertThat(only(all, "reproducibility.lineage").sources()).hasSize(3);
    assertThat(all.figures("safety_violation_rate")).hasSize(2);
    Scorecard m = service.compute(new ScorecardService.Request(NOW.minus(Duration.ofDays(90)), "m", null));
    assertThat(only(m, "reproducibility.lineage").value()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(only(m, "safety_violation_rate").label()).startsWith("m@1");
    assertThat(only(m, "safety_violation_rate").value()).isEqualTo(0.2);
    assertThat(only(m, "cost_per_1k").note()).isEqualTo("the system reports no cost");
  }
}
