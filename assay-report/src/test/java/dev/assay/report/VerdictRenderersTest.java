package dev.assay.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Plugins;
import dev.assay.core.Score;
import dev.assay.core.Verdict;
import dev.assay.core.io.AtomicFiles;
import dev.assay.gate.CompareOptions;
import dev.assay.gate.ComparisonService;
import dev.assay.gate.Gate;
import dev.assay.gate.GateResult;
import dev.assay.gate.InconclusivePolicy;
import dev.assay.gate.Margin;
import dev.assay.gate.Multiplicity;
import dev.assay.gate.Rule;
import dev.assay.gate.RuleOutcome;
import dev.assay.gate.RunScores;
import dev.assay.gate.Side;
import dev.assay.testkit.InMemoryStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class VerdictRenderersTest {
  @TempDir Path dir;

  private static Side side(String source, Map<String, List<Map<String, Score>>> rows) {
    return new Side(source, null, List.of(), new RunScores(source, null, rows), false);
  }

  /** A metric name full of markup, and one rule of each verdict. */
  private static GateResult result() {
    String nasty = "f1<&\"'|>\u0001";
    Map<String, List<Map<String, Score>>> b = new LinkedHashMap<>();
    Map<String, List<Map<String, Score>>> c = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      b.put("e" + i, List.of(Map.of(nasty, Score.of(i < 50 ? 1 : 0), "v", Score.of(0))));
      c.put("e" + i, List.of(Map.of(nasty, Score.of(i < 70 ? 1 : 0), "v", Score.of(i < 3 ? 1 : 0))));
    }
    Gate gate = Gate.of(0.95, Multiplicity.HOLM, List.of(Rule.superiority(nasty, Margin.ZERO),
        Rule.atMost("v", 0.001), Rule.atMost("v", 0.03)));
    ComparisonService service = new ComparisonService(new InMemoryStore(), Plugins.installed(), Clock.systemUTC());
    return service.compare(side("base", b), side("cand", c),
        ComparisonService.Request.of(CompareOptions.defaults().withReplicates(1000)).withGate(gate, false)).verdict();
  }

  @Test
  void junitIsWellFormedWithOneTestcasePerRule() throws Exception {
    GateResult r = result();
    assertThat(r.rules()).extracting(RuleOutcome::verdict)
        .containsExactly(Verdict.PASS, Verdict.FAIL, Verdict.INCONCLUSIVE);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(VerdictRenderers.junit(r).getBytes(StandardCharsets.UTF_8)));
    Element suites = doc.getDocumentElement();
    assertThat(suites.getAttribute("tests")).isEqualTo("3");
    assertThat(suites.getAttribute("failures")).isEqualTo("1");
    assertThat(suites.getAttribute("skipped")).isEqualTo("1");
    var cases = doc.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(3);
    assertThat(((Element) cases.item(0)).getAttribute("name")).startsWith("superiority f1<&\"'|>\uFFFD");
    assertThat(((Element) cases.item(1)).getElementsByTagName("failure").getLength()).isEqualTo(1);
    Element skipped = (Element) ((Element) cases.item(2)).getElementsByTagName("skipped").item(0);
    assertThat(skipped.getAttribute("message")).startsWith("INCONCLUSIVE: ").contains("too wide to decide");
  }

  @Test
  void markdownTextAndJson() throws Exception {
    GateResult r = result();
    String md = VerdictRenderers.markdown(r);
    assertThat(md).startsWith("### assay gate: **FAIL**").contains("| Metric | Rule |", "f1&lt;&amp;\"'\\|&gt;")
        .doesNotContain("<&");
    String text = VerdictRenderers.text(r, InconclusivePolicy.FAIL);
    assertThat(text).contains("METRIC", "VERDICT", "at_most", "INCONCLUSIVE", "verdict: FAIL");
    JsonNode json = r.toJson();
    assertThat(json.path("verdict").asText()).isEqualTo("FAIL");
    assertThat(json.path("rules")).hasSize(3);
    for (String field : List.of("metric", "rule", "margin", "verdict", "estimate", "ci", "p_value", "reason")) {
      assertThat(json.path("rules").get(0).has(field)).as(field).isTrue();
    }
    assertThat(json.path("plan").path("pre_registered").asBoolean(true)).isFalse();
    Path file = dir.resolve("out/report.md");
    AtomicFiles.write(file, md);
    assertThat(Files.readString(file)).isEqualTo(md);
    try (var files = Files.list(dir.resolve("out"))) {
      assertThat(files).hasSize(1);
    }
  }
}
