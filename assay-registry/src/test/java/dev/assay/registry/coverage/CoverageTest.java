package dev.assay.registry.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.gate.Gate;
import dev.assay.gate.Margin;
import dev.assay.gate.Multiplicity;
import dev.assay.gate.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoverageTest {
  @TempDir Path dir;

  /** {@code n} examples tagged topic=TOPIC (and critical=yes for the first {@code critical}). */
  private static List<Example> examples(String topic, int n, int critical) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, String> tags = i < critical ? Map.of("topic", topic, "critical", "yes") : Map.of("topic", topic);
      out.add(new Example(topic + i, TextNode.valueOf("q"), null, tags, null, i + 1));
    }
    return out;
  }

  private Behaviours behaviours() throws Exception {
    Path file = dir.resolve("behaviours.yaml");
    Files.writeString(file, """
        min_examples: 5
        behaviours:
          - {id: refunds, description: Refund policy answers, criticality: critical, tags: {topic: refunds}}
          - {id: shipping, description: Shipping times, criticality: high, tags: {topic: shipping}}
          - {id: returns, criticality: low, tags: {topic: [returns, exchanges]}}
          - {id: legal, criticality: medium, tags: {topic: legal}}
        """);
    return Behaviours.read(file);
  }

  @Test
  void coverageWeighsBehavioursProtectedByNonInferiorityOrNoRegressionRules() throws Exception {
    List<Example> a = new ArrayList<>(examples("refunds", 8, 0));
    a.addAll(examples("shipping", 4, 0));
    List<Example> b = new ArrayList<>(examples("shipping", 9, 6));
    b.addAll(examples("exchanges", 7, 0));
    b.addAll(examples("legal", 20, 3));
    var ni = new Coverage.SuiteScope("a.yaml", "a", new Dataset("a", a, "ha"),
        Gate.of(0.95, Multiplicity.HOLM, List.of(Rule.nonInferiority("f1", new Margin(0.02, false)))));
    var nr = new Coverage.SuiteScope("b.yaml", "b", new Dataset("b", b, "hb"),
        Gate.of(0.95, Multiplicity.HOLM, List.of(Rule.superiority("f1", Margin.ZERO),
            Rule.noRegressions("exact_match", "critical"))));
    Coverage.Report report = Coverage.of(behaviours(), List.of(ni, nr), null);
    // refunds: 8 under a non-inferiority rule -> covered (4). shipping: 4 in a, 6 critical in b -> covered (3).
    // returns: 7 exchanges, none protected (superiority is no protection) -> not (1). legal: 3 protected < 5 -> not (2).
    assertThat(report.rows()).extracting(Coverage.Row::covered).containsExactly(true, true, false, false);
    assertThat(report.rows().get(1).suite()).isEqualTo("b");
    assertThat(report.rows().get(1).protectedExamples()).isEqualTo(6);
    assertThat(report.rows().get(1).rules()).containsExactly("no_regressions exact_match (tag critical)");
    assertThat(report.rows().get(2).examples()).isEqualTo(7);
    assertThat(report.rows().get(2).protectedExamples()).isZero();
    assertThat(report.share()).isEqualTo((4.0 + 3.0) / (4 + 3 + 1 + 2));
  }

  @Test
  void aBehaviourNoSuiteShowsIsUncovered() throws Exception {
    Coverage.Report report = Coverage.of(behaviours(), List.of(), "no suites");
    assertThat(report.share()).isZero();
    assertThat(report.rows()).allSatisfy(r -> assertThat(r.suite()).isNull());
  }

  @Test
  void aMistakeInTheFileNamesItsLine() throws Exception {
    Path file = dir.resolve("b.yaml");
    Files.writeString(file, "behaviours:\n  - id: x\n    criticality: urgent\n    tags: {a: b}\n");
    assertThatThrownBy(() -> Behaviours.read(file)).isInstanceOf(InputException.class)
        .satisfies(e -> assertThat(((InputException) e).render()).contains("b.yaml:3")
            .contains("behaviours[1].criticality").contains("unknown criticality 'urgent'"));
  }
}
