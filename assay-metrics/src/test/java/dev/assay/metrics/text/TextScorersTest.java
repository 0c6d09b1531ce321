package dev.assay.metrics.text;

import dev.assay.testkit.Scoring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Output;
import dev.assay.core.Score;
import dev.assay.core.Plugins;
import dev.assay.core.Scorer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextScorersTest {
  private final TextScorers provider = new TextScorers();

  static Example withReferences(String id, String... refs) {
    ArrayNode list = Json.MAPPER.createArrayNode();
    for (String r : refs) {
      list.add(r);
    }
    return new Example(id, Json.MAPPER.getNodeFactory().textNode("q"), list, Map.of(), null, 7);
  }

  @Test
  void isFoundByServiceLoader() {
    Plugins plugins = Plugins.installed();
    assertThat(plugins.metricNames()).contains("exact_match", "exact_match_strict", "f1", "contains");
    assertThat(plugins.metric("f1", null, 0).name()).isEqualTo("f1");
  }

  @Test
  void takesTheBestReference() {
    Scorer em = Scoring.create(provider, "exact_match").orElseThrow();
    Example ex = withReferences("e1", "Paris", "the city of Paris");
    assertThat(Scoring.values(em, ex, Output.text("City of Paris."))).containsEntry("exact_match", 1.0);
    Scorer f1 = Scoring.create(provider, "f1").orElseThrow();
    assertThat(Scoring.values(f1, ex, Output.text("Paris France")).get("f1")).isEqualTo(2.0 / 3);
  }

  @Test
  void meanIsTheRunValue() {
    Scorer em = Scoring.create(provider, "exact_match").orElseThrow();
    List<Map<String, Score>> per = List.of(
        Scoring.scores(em, Example.of("a", "q", "yes"), Output.text("Yes")),
        Scoring.scores(em, Example.of("b", "q", "no"), Output.text("yes")));
    assertThat(Scoring.aggregate(em, per)).containsEntry("exact_match", 0.5);
  }

  @Test
  void rejectsParametersAndMissingReferences() {
    assertThat(Scoring.create(provider, "bogus")).isEmpty();
    assertThatThrownBy(() -> Scoring.create(provider, "f1:stem=true"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("unknown parameter 'stem'");
    Scorer em = Scoring.create(provider, "exact_match").orElseThrow();
    Example none = Example.of("x", "q", null);
    assertThatThrownBy(() -> Scoring.values(em, none, Output.text("a")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("example 'x' has no reference");
    Example empty = withReferences("y");
    assertThatThrownBy(() -> Scoring.values(em, empty, Output.text("a")))
        .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.line()).isEqualTo(7));
  }
}
