package dev.assay.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricDirectionsTest {
  @Test
  void builtInNamesOverridesAndScorers() {
    MetricDirections d = new MetricDirections(List.of("toxicity"),
        name -> name.equals("perplexity") ? Optional.of(false) : Optional.empty());
    for (String lower : List.of("latency_ms", "latency_p95", "cost", "cost_total", "word_error", "log_loss", "brier",
        "ece", "toxicity", "perplexity")) {
      assertThat(d.of(lower)).as(lower).isEqualTo(Direction.LOWER_IS_BETTER);
    }
    for (String higher : List.of("exact_match", "f1", "bleu:tokenize=intl", "throughput", "my_score")) {
      assertThat(d.of(higher)).as(higher).isEqualTo(Direction.HIGHER_IS_BETTER);
    }
  }
}
