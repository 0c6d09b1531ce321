package dev.assay.gate;

import dev.assay.core.RunRecord;
import dev.assay.core.Score;
import dev.assay.core.SystemSpec;
import java.time.Instant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.ExampleResult;
import dev.assay.core.InputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairingTest {
  @Test
  void overlapIsMeasuredAgainstTheLargerSide() {
    RunScores b = Tables.of("base", "m", new double[100]);
    RunScores c = Tables.of("cand", "m", new double[89]);
    assertThatThrownBy(() -> Pairing.of(b, c, false)).isInstanceOf(InputException.class)
        .hasMessageContaining("only 89 of 100 examples pair by id (89.0%)")
        .hasMessageContaining("11 only in baseline base, 0 only in candidate cand");
    assertThatThrownBy(() -> Pairing.of(c, b, false)).isInstanceOf(InputException.class)
        .hasMessageContaining("0 only in baseline cand, 11 only in candidate base");
    Pairing partial = Pairing.of(b, c, true);
    assertThat(partial.n()).isEqualTo(89);
    assertThat(partial.overlap()).isEqualTo(0.89);
    Pairing ninety = Pairing.of(b, Tables.of("cand", "m", new double[90]), false);
    assertThat(ninety.onlyBaseline()).isEqualTo(10);
  }

  @Test
  void noSharedIdIsAlwaysAnError() {
    RunScores b = Tables.table("base", Map.of("x", Map.of("m", 1.0)));
    RunScores c = Tables.table("cand", Map.of("y", Map.of("m", 1.0)));
    assertThatThrownBy(() -> Pairing.of(b, c, true)).isInstanceOf(InputException.class)
        .hasMessageContaining("share no example id");
  }

  @Test
  void repeatsAreAveragedPerIdAndErrorsAreMissing() {
    List<ExampleResult> results = List.of(
        result("a", 0, Map.of("exact_match", Score.of(1.0)), null),
        result("a", 1, Map.of("exact_match", Score.of(0.0)), null),
        result("b", 0, Map.of(), "timeout"),
        result("b", 1, Map.of("exact_match", Score.of(1.0), "bleu", Score.of(12, new double[] {3, 1})), null));
    RunScores t = RunScores.of(RunRecord.started("run", "s", null, null, null, new SystemSpec("sys", "fake", null, 0),
        null, null, null, 2, 2, List.of("exact_match", "bleu"), null, null, null, 0, Instant.EPOCH), results);
    assertThat(t.value("a", "exact_match")).isEqualTo(0.5);
    assertThat(t.value("b", "exact_match")).isEqualTo(1.0);
    assertThat(t.scores("a", "exact_match")).hasSize(2);
    assertThat(t.scores("b", "exact_match")).as("the failed repeat is missing").hasSize(1);
    assertThat(t.value("a", RunScores.LATENCY)).isEqualTo(15.0);
    assertThat(t.metrics()).containsExactly("exact_match", RunScores.LATENCY, "bleu");
    assertThat(t.hasStatistics("bleu")).isTrue();
  }

  @Test
  void unknownMetricSuggestsTheNearest() {
    Pairing p = Tables.pair("exact_match", new double[] {1, 0}, new double[] {1, 1});
    assertThatThrownBy(() -> p.values("exact_mach")).isInstanceOf(InputException.class)
        .hasMessageContaining("metric 'exact_mach' is not in both")
        .extracting(e -> ((InputException) e).expected()).asString().contains("did you mean 'exact_match'?");
  }

  private static ExampleResult result(String id, int repeat, Map<String, Score> scores, String error) {
    return new ExampleResult(id, 0, repeat, null, scores, repeat == 0 ? 10.0 : 20.0, null, null, null, error, 1,
        false);
  }
}
