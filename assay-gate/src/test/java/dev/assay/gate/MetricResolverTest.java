package dev.assay.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Direction;
import dev.assay.core.MetricKind;
import dev.assay.core.Plugins;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricResolverTest {
  private static final RunScores SIDE = Tables.table("s", Map.of("e0", Map.of("x", 1.0)));

  @Test
  void directionsComeFromTheMetricTheNameConventionAndTheUsersOverrides() {
    MetricResolver r = new MetricResolver(Plugins.installed(), Set.of("toxicity", "f1"));
    for (String lower : List.of("latency_ms", "latency_p95", "cost", "cost_total", "word_error", "log_loss", "brier",
        "ece", "toxicity", "f1")) {
      assertThat(r.resolve(lower, SIDE, SIDE).direction()).as(lower).isEqualTo(Direction.LOWER_IS_BETTER);
    }
    for (String higher : List.of("exact_match", "bleu:tokenize=intl", "my_score", "f1_macro")) {
      assertThat(r.resolve(higher, SIDE, SIDE).direction()).as(higher).isEqualTo(Direction.HIGHER_IS_BETTER);
    }
  }

  @Test
  void kindsComeFromTheInstalledMetricAndUnknownColumnsAreMeans() {
    MetricResolver r = new MetricResolver(Plugins.installed(), Set.of());
    assertThat(r.resolve("latency_p95", SIDE, SIDE).kind()).isEqualTo(MetricKind.QUANTILE);
    assertThat(r.resolve("num_rel_ret", SIDE, SIDE).kind()).as("a total of per-query values")
        .isEqualTo(MetricKind.CORPUS);
    assertThat(r.resolve("my_score", SIDE, SIDE).kind()).isEqualTo(MetricKind.MEAN);
  }
}
