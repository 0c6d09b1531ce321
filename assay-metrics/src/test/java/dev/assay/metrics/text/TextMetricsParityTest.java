package dev.assay.metrics.text;

import dev.assay.testkit.Scoring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.assay.core.Example;
import dev.assay.core.Json;
import dev.assay.core.Output;
import dev.assay.core.Score;
import dev.assay.core.Scorer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every value of ../shared/data/reference_values/text_metrics.json (published sacreBLEU and
 * rouge-score test expectations), reproduced through the public scorer API to its stated tolerance.
 */
class TextMetricsParityTest {
  private static final TextScorers PROVIDER = new TextScorers();

  private static JsonNode data() throws IOException {
    return Json.MAPPER.readTree(SharedData.require("reference_values/text_metrics.json").toFile());
  }

  private static Example example(int index, List<String> references) {
    ArrayNode refs = Json.MAPPER.createArrayNode();
    references.forEach(refs::add);
    return new Example("s" + index, Json.MAPPER.getNodeFactory().textNode(""), refs, Map.of(), null, index + 1);
  }

  private static String bleuSpec(JsonNode params) {
    StringBuilder spec = new StringBuilder("bleu:tokenize=").append(params.get("tokenize").asText())
        .append(":smooth=").append(params.get("smooth_method").asText())
        .append(":lowercase=").append(params.get("lowercase").asBoolean());
    if (params.has("smooth_value")) {
      spec.append(":smooth_value=").append(params.get("smooth_value").asText());
    }
    return spec.toString();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Scores a corpus: hypotheses[i] against references[i], returns the run-level value. */
  private static double corpus(Scorer scorer, List<String> hypotheses, List<List<String>> references) {
    List<Map<String, Score>> per = new ArrayList<>();
    for (int i = 0; i < hypotheses.size(); i++) {
      per.add(Scoring.scores(scorer, example(i, references.get(i)), Output.text(hypotheses.get(i))));
    }
    return Scoring.runValue(scorer, per);
  }

  @TestFactory
  Stream<DynamicTest> corpusBleu() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : data().get("bleu_corpus")) {
      String spec = bleuSpec(c.get("params"));
      tests.add(DynamicTest.dynamicTest(spec + " = " + c.get("expected").asDouble(), () -> {
        List<String> hyps = texts(c.get("hypotheses"));
        List<List<String>> refs = new ArrayList<>();
        for (int i = 0; i < hyps.size(); i++) {
          List<String> segment = new ArrayList<>();
          for (JsonNode stream : c.get("references")) {
            segment.add(stream.get(i).asText());
          }
          refs.add(segment);
        }
        double value = corpus(Scoring.create(PROVIDER, spec).orElseThrow(), hyps, refs);
        assertThat(value).as(spec).isCloseTo(c.get("expected").asDouble(), within(c.get("tolerance").asDouble()));
      }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> sentenceBleu() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : data().get("bleu_sentence")) {
      String spec = bleuSpec(c.get("params"));
      tests.add(DynamicTest.dynamicTest(spec + " = " + c.get("expected").asDouble(), () -> {
        Scorer scorer = Scoring.create(PROVIDER, spec).orElseThrow();
        double value = Scoring.values(scorer, example(0, texts(c.get("references"))),
            Output.text(c.get("hypothesis").asText())).get(spec);
        assertThat(value).as(spec).isCloseTo(c.get("expected").asDouble(), within(c.get("tolerance").asDouble()));
      }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> corpusChrf() throws IOException {
    JsonNode block = data().get("chrf_corpus");
    JsonNode p = block.get("params");
    String spec = "chrf:char_order=" + p.get("char_order").asInt() + ":word_order=" + p.get("word_order").asInt()
        + ":beta=" + p.get("beta").asText() + ":eps_smoothing=" + p.get("eps_smoothing").asBoolean()
        + ":remove_whitespace=" + p.get("remove_whitespace").asBoolean();
    double tolerance = block.get("tolerance").asDouble();
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : block.get("cases")) {
      List<String> hyps = texts(c.get("hypotheses"));
      List<List<String>> refs = texts(c.get("references")).stream().map(List::of).toList();
      tests.add(DynamicTest.dynamicTest(hyps + " vs " + refs + " = " + c.get("expected").asDouble(), () -> {
        double value = corpus(Scoring.create(PROVIDER, spec).orElseThrow(), hyps, refs);
        assertThat(value).as(spec + " " + hyps).isCloseTo(c.get("expected").asDouble(), within(tolerance));
      }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> rouge() throws IOException {
    JsonNode block = data().get("rouge");
    List<String> targets = texts(block.get("target_lines"));
    List<String> predictions = texts(block.get("prediction_lines"));
    double tolerance = block.get("tolerance").asDouble();
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode e : block.get("expected")) {
      int line = e.get("line").asInt();
      boolean stem = e.get("stemming").asBoolean();
      for (String type : new String[] {"rouge1", "rouge2", "rougeL", "rougeLsum"}) {
        if (!e.has(type)) {
          continue;
        }
        for (String part : new String[] {"precision", "recall", "fmeasure"}) {
          double expected = e.get(type).get(part).asDouble();
          // The part by suffix (rougeL_recall) and by parameter (rougeL:measure=recall).
          for (String spec : new String[] {type + "_" + part + ":stemmer=" + stem,
              type + ":measure=" + part + ":stemmer=" + stem}) {
            tests.add(DynamicTest.dynamicTest("line " + line + " " + spec + " = " + expected, () -> {
              Scorer scorer = Scoring.create(PROVIDER, spec).orElseThrow();
              double value = Scoring.values(scorer, example(line, List.of(targets.get(line))),
                  Output.text(predictions.get(line))).get(spec);
              assertThat(value).as(spec + " line " + line).isCloseTo(expected, within(tolerance));
            }));
          }
        }
      }
    }
    return tests.stream();
  }
}
