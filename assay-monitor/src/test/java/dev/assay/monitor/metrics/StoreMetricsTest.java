package dev.assay.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.RunRecord;
import dev.assay.core.Store;
import dev.assay.core.Verdict;
import dev.assay.core.VerdictRecord;
import dev.assay.testkit.InMemoryStore;
import dev.assay.testkit.StoreConformance;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Store counts as gauges, exposed in the text format. */
class StoreMetricsTest {
  /** The conformance kit's fixtures (a run of 290 answered and 10 failed results; verdicts). */
  abstract static class Fixtures extends StoreConformance {
    static RunRecord run(String id) {
      return fullRun(id, Instant.parse("2026-05-01T00:00:00Z"));
    }

    static VerdictRecord verdictOf(String id, Verdict v) {
      return verdict(id, Instant.parse("2026-05-01T00:00:00Z"), "qa", "base", "cand", v);
    }

    @Override
    protected Store openStore(Path dir) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void runsVerdictsExamplesAndErrorsComeFromTheStore() {
    Store store = new InMemoryStore();
    store.createRun(Fixtures.run("r1"));
    store.createRun(Fixtures.run("r2"));
    store.saveVerdict(Fixtures.verdictOf("v1", Verdict.PASS));
    store.saveVerdict(Fixtures.verdictOf("v2", Verdict.FAIL));
    store.saveVerdict(Fixtures.verdictOf("v3", Verdict.FAIL));
    PrometheusRegistry registry = new PrometheusRegistry();
    new StoreMetrics(registry).refresh(store);
    Exposition e = Exposition.parse(DriftMetrics.exposition(registry));
    assertThat(e.value("assay_runs", Map.of("status", "failed"))).isEqualTo(2);
    assertThat(e.value("assay_runs", Map.of("status", "completed"))).isZero();
    assertThat(e.value("assay_verdicts", Map.of("outcome", "FAIL"))).isEqualTo(2);
    assertThat(e.value("assay_verdicts", Map.of("outcome", "PASS"))).isEqualTo(1);
    assertThat(e.value("assay_verdicts", Map.of("outcome", "INCONCLUSIVE"))).isZero();
    assertThat(e.value("assay_examples_evaluated", Map.of())).isEqualTo(580);
    assertThat(e.value("assay_example_errors", Map.of())).isEqualTo(20);
  }
}
