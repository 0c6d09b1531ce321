package dev.assay.metrics.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Output;
import dev.assay.core.PluginContext;
import dev.assay.core.Plugins;
import dev.assay.core.Scorer;
import dev.assay.testkit.Scoring;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContextScorersTest {
  private static final PluginContext CTX = PluginContext.standalone(Path.of("").toAbsolutePath(), Map.of());

  /**
   * Hand-computed: retrieved d1 d9 d3 d7, relevant {d1, d3, d5}. Relevant at ranks 1 and 3, so
   * precision = (P@1 + P@3) / 2 = (1 + 2/3) / 2 = 5/6 and recall = 2/3.
   */
  @Test
  void handComputedValues() {
    Set<String> rel = Set.of("d1", "d3", "d5");
    List<String> got = List.of("d1", "d9", "d3", "d7");
    assertThat(ContextRelevance.precision(got, rel)).isCloseTo(5.0 / 6, within(1e-15));
    assertThat(ContextRelevance.recall(got, rel)).isCloseTo(2.0 / 3, within(1e-15));
    // The one relevant context at rank 2: P@2 = 1/2; found, so recall 1.
    assertThat(ContextRelevance.precision(List.of("d9", "d1"), Set.of("d1"))).isEqualTo(0.5);
    assertThat(ContextRelevance.recall(List.of("d9", "d1"), Set.of("d1"))).isEqualTo(1.0);
    // A repeat counts once, at its first rank: d1 d2 -> relevant d2 at rank 2; recall not inflated.
    assertThat(ContextRelevance.precision(List.of("d1", "d1", "d2"), Set.of("d2"))).isEqualTo(0.5);
    assertThat(ContextRelevance.recall(List.of("d2", "d2"), Set.of("d2", "d3"))).isEqualTo(0.5);
    // Relevant at ranks 2, 3, 5: (1/2 + 2/3 + 3/5) / 3 = 53/90.
    assertThat(ContextRelevance.precision(List.of("x", "a", "b", "y", "c"), Set.of("a", "b", "c", "z")))
        .isCloseTo(53.0 / 90, within(1e-15));
    assertThat(ContextRelevance.precision(List.of(), rel)).isZero();
    assertThat(ContextRelevance.precision(List.of("d9"), rel)).isZero();
    assertThat(ContextRelevance.recall(List.of(), rel)).isZero();
  }

  private static Example example(String id, JsonNode reference, ObjectNode extra) {
    return new Example(id, TextNode.valueOf("q"), reference, Map.of(), extra, 0);
  }

  @Test
  void readsRetrievedIdsFromTheOutputAndRelevantIdsFromTheExample() {
    ObjectNode extra = Json.object();
    extra.putArray("relevant_contexts").add("d1").add("d3").add("d5");
    Example e = example("1", TextNode.valueOf("the answer"), extra);
    ObjectNode out = Json.object().put("answer", "a");
    out.putArray("contexts").add("d1").add(Json.object().put("id", "d9").put("text", "...")).add("d3").add("d7");
    try (Scorer p = Plugins.installed().scorer("context_precision", CTX);
        Scorer r = Plugins.installed().scorer("context_recall", CTX)) {
      assertThat(Scoring.values(p, e, new Output(out, null, null, null, null)).get("context_precision"))
          .isCloseTo(5.0 / 6, within(1e-15));
      assertThat(Scoring.values(r, e, Output.text(Json.canonical(out))).get("context_recall"))
          .as("JSON in a text output").isCloseTo(2.0 / 3, within(1e-15));
      assertThatThrownBy(() -> r.score(e, Output.text("d1 d3"))).hasMessageContaining("not JSON");
      assertThatThrownBy(() -> r.score(e, new Output(Json.object().put("answer", "a"), null, null, null, null)))
          .hasMessageContaining("no list 'contexts'");
    }
    ObjectNode ref = Json.object();
    ref.putArray("gold").add("d9");
    Example e2 = example("2", ref, null);
    try (Scorer p = Plugins.installed().scorer("context_precision:retrieved=hits:relevant=gold", CTX)) {
      ObjectNode hits = Json.object();
      hits.putArray("hits").add("d1").add("d9");
      assertThat(Scoring.values(p, e2, new Output(hits, null, null, null, null)).get("context_precision"))
          .as("fields named on the metric; relevant ids in an object reference").isEqualTo(0.5);
    }
  }

  @Test
  void examplesWithoutRelevantIdsAndBadSpecsAreInputErrors() {
    ContextScorers provider = new ContextScorers();
    assertThat(provider.metric("recall@10")).isEmpty();
    var m = provider.metric("context_recall").orElseThrow();
    ObjectNode empty = Json.object();
    empty.putArray("relevant_contexts");
    ObjectNode numbers = Json.object();
    numbers.putArray("relevant_contexts").add(3);
    for (Example e : List.of(example("1", null, null), example("2", null, empty), example("3", null, numbers))) {
      assertThatThrownBy(() -> provider.checkExample(m, e)).isInstanceOf(InputException.class)
          .hasMessageContaining("example '" + e.id() + "'");
    }
    assertThatThrownBy(() -> provider.metric("context_recall:k=5")).isInstanceOf(InputException.class)
        .hasMessageContaining("unknown parameter");
  }
}
