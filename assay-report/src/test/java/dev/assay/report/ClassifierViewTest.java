package dev.assay.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Example;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.Output;
import dev.assay.core.Score;
import dev.assay.metrics.classification.ClassificationScorers;
import dev.assay.testkit.Scoring;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's confusion matrix sees the classes the classification metrics see. */
class ClassifierViewTest {
  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void labelsAreReadAsTheMetricsReadThem() {
    // 1 and 1.0 are one class; "pos " (trailing space) is a class of its own, as in the metrics.
    String[][] rows = {{"1", "1.0"}, {"1.0", "1"}, {"0", "0"}, {"0", "1"}, {"\"pos\"", "\"pos \""},
        {"\"pos\"", "\"pos\""}, {"true", "true"}, {"false", "true"}};
    List<Example> examples = new ArrayList<>();
    List<ExampleResult> results = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      examples.add(new Example("e" + i, json("\"q\""), json(rows[i][0]), Map.of(), null, i + 1));
      results.add(new ExampleResult("e" + i, i, 0, json(rows[i][1]), Map.of("accuracy", Score.of(0)), null, null,
          null, null, null, 1, false));
    }
    RunView run = new RunView(TestReports.header("r", "clf", rows.length), results);
    ClassifierView.Detection d = ClassifierView.detect(run, DatasetView.of(examples));
    assertThat(d.view()).as(d.note()).isNotNull();
    assertThat(d.view().matrix().labels()).containsExactlyInAnyOrder("0", "1", "pos", "pos ", "true", "false");
    // Correct predictions on the diagonal equal the metrics' own accuracy numerator.
    var m = d.view().matrix();
    double diagonal = 0;
    for (int c = 0; c < m.size(); c++) {
      diagonal += m.count(c, c);
    }
    var scorer = Scoring.create(new ClassificationScorers(), "accuracy").orElseThrow();
    List<Map<String, Score>> scores = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      scores.add(Scoring.scores(scorer, examples.get(i), new Output(json(rows[i][1]), null, null, null, null)));
    }
    assertThat(diagonal / rows.length).isEqualTo(Scoring.runValue(scorer, scores));
    assertThat(diagonal).isEqualTo(5);
  }
}
