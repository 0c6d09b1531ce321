package dev.assay.registry.rerun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Output;
import dev.assay.core.Params;
import dev.assay.core.PluginContext;
import dev.assay.core.Plugins;
import dev.assay.core.ResponseCache;
import dev.assay.core.RunRecord;
import dev.assay.core.ScorerProvider;
import dev.assay.core.SystemProvider;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import dev.assay.core.registry.Reproduction;
import dev.assay.engine.EngineListener;
import dev.assay.engine.SuiteExecution;
import dev.assay.testkit.FakeSystemProvider;
import dev.assay.testkit.InMemoryRegistry;
import dev.assay.testkit.InMemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reruns of deterministic, sampling and drifting systems, judged from their records alone. */
class RerunVerifierTest {
  @TempDir Path dir;
  private final InMemoryStore store = new InMemoryStore();
  private final InMemoryRegistry registry = new InMemoryRegistry();
  private RerunVerifier verifier;
  private SuiteExecution execution;

  /** Seeds of the coin's successive instances; fixed, so the test's outcome is too. */
  private static final long[] COIN_SEEDS = {11, 12, 13, 14};
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  /**
   * Adapter {@code coin}: answers an example's reference or a wrong answer. {@code mode: coin}
   * flips a fair coin from a generator seeded per instance (so two runs differ example by example
   * but not in rate); {@code mode: drift} answers right in its first instance and wrong after.
   */
  static final class CoinProvider implements SystemProvider {
    @Override
    public String type() {
      return "coin";
    }

    @Override
    public Set<String> parameters() {
      return Set.of("mode");
    }

    @Override
    public SystemUnderTest create(SystemSpec spec, PluginContext context) {
      String mode = Params.of(spec, context.suiteFile()).choice("mode", "coin", List.of("coin", "drift"));
      int instance = INSTANCES.getAndIncrement();
      return invocation -> {
        String ref = invocation.example().reference().asText();
        boolean right;
        if (mode.equals("drift")) {
          right = instance == 0;
        } else {
          long seed = COIN_SEEDS[instance % COIN_SEEDS.length] * 1_000_003L + invocation.example().id().hashCode();
          right = new Random(seed).nextBoolean();
        }
        return Output.text(right ? ref : "wrong");
      };
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    INSTANCES.set(0);
    List<ScorerProvider> scorers = new ArrayList<>();
    ServiceLoader.load(ScorerProvider.class).forEach(scorers::add);
    Plugins plugins = Plugins.of(List.of(new CoinProvider(), new FakeSystemProvider()), scorers);
    execution = new SuiteExecution(store, ResponseCache.NONE, plugins, EngineListener.NONE, Clock.systemUTC(), dir,
        Map.of());
    verifier = new RerunVerifier(store, registry, execution, plugins, Clock.systemUTC(), "local:test");
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      data.append("{\"id\":\"q").append(i).append("\",\"input\":\"question ").append(i)
          .append("\",\"reference\":\"QUESTION ").append(i).append("\"}\n");
    }
    Files.writeString(dir.resolve("data.jsonl"), data);
  }

  private RunRecord run(String system) throws Exception {
    Path suite = dir.resolve("suite.yaml");
    Files.writeString(suite, "name: rr\ndataset: {path: data.jsonl}\nsystems:\n" + system
        + "metrics: [exact_match, latency_p95]\nseed: 3\n");
    return execution.run(suite, List.of(), false).get(0);
  }

  @Test
  void aDeterministicSystemReproducesAndTimeIsNotCompared() throws Exception {
    RunRecord original = run("  upper:\n    type: fake\n    mode: upper\n");
    Verification v = verifier.verify(original.runId(), false);
    assertThat(v.outcome()).isEqualTo(Reproduction.Outcome.REPRODUCIBLE);
    assertThat(v.compared()).isEqualTo(400);
    assertThat(v.differing()).isZero();
    assertThat(v.measurements()).containsExactly("latency_p95");
    assertThat(v.metrics()).extracting(Verification.MetricDifference::metric).containsExactly("exact_match");
    assertThat(v.rerun().runId()).isNotEqualTo(original.runId());
    assertThat(registry.reproductions()).singleElement().satisfies(r -> {
      assertThat(r.originalRun()).isEqualTo(original.runId());
      assertThat(r.rerunRun()).isEqualTo(v.rerun().runId());
      assertThat(r.outcome()).isEqualTo(Reproduction.Outcome.REPRODUCIBLE);
    });
  }

  @Test
  void aSamplingSystemThatSaysSoIsConsistentWhenItsRateHolds() throws Exception {
    RunRecord original = run("  coin:\n    type: coin\n    nondeterministic: true\n");
    Verification v = verifier.verify(original.runId(), false);
    assertThat(v.nondeterministic()).isTrue();
    assertThat(v.differing()).as("two fair coins disagree on about half the examples").isBetween(150, 250);
    assertThat(v.metrics()).singleElement().satisfies(m -> {
      assertThat(m.ci()).isNotNull();
      assertThat(m.withinSamplingError()).isTrue();
    });
    assertThat(v.outcome()).isEqualTo(Reproduction.Outcome.CONSISTENT);
  }

  @Test
  void aSystemWhoseAnswersChangedIsNotReproducibleAndTheExamplesAreListed() throws Exception {
    RunRecord original = run("  drift:\n    type: coin\n    mode: drift\n");
    Verification v = verifier.verify(original.runId(), false);
    assertThat(v.outcome()).isEqualTo(Reproduction.Outcome.NOT_REPRODUCIBLE);
    assertThat(v.differing()).isEqualTo(400);
    assertThat(v.differences()).hasSize(Verification.LISTED);
    assertThat(v.differences().get(0).id()).isEqualTo("q0");
    assertThat(v.differences().get(0).changes()).containsExactly("output", "score exact_match 1.00000 -> 0.00000");
    assertThat(v.metrics()).singleElement().satisfies(m -> assertThat(m.difference()).isEqualTo(-1.0));
  }

  @Test
  void aDriftingSystemDeclaredNondeterministicIsBeyondItsSamplingError() throws Exception {
    RunRecord original = run("  drift:\n    type: coin\n    mode: drift\n    nondeterministic: true\n");
    Verification v = verifier.verify(original.runId(), false);
    assertThat(v.outcome()).isEqualTo(Reproduction.Outcome.NOT_REPRODUCIBLE);
    assertThat(v.reason()).contains("beyond the runs' sampling error");
    assertThat(v.metrics()).singleElement().satisfies(m -> assertThat(m.withinSamplingError()).isFalse());
  }
}
