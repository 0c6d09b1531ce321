package dev.assay.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Counts;
import dev.assay.core.Example;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Score;
import dev.assay.core.SystemSpec;
import dev.assay.metrics.classification.Binning;
import dev.assay.metrics.classification.Reliability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Issue 12 item 14: what reports and cards show, and that their slice intervals stay in range. */
class ReportContentTest {

  @Test
  void aSliceOfThreeNdcgDifferencesStaysInsideTheValuesRange() {
    // Differences -0.83, -0.39, +0.10: Student's t gave [-1.535, 0.793], outside [-1, 1]. A percentile
    // bootstrap of three values puts 1/27 of its mass on each extreme, more than the 2.5% of each tail,
    // so its 95% interval is exactly [min, max] of the differences.
    Estimate e = Intervals.difference(List.of("q1", "q2", "q3"), new double[] {0.9, 0.6, 0.3},
        new double[] {0.07, 0.21, 0.4}, 0.95);
    assertThat(e.method()).isEqualTo("bootstrap");
    assertThat(e.value()).isCloseTo((-0.83 - 0.39 + 0.1) / 3, within(1e-12));
    assertThat(e.ci().lower()).isCloseTo(-0.83, within(1e-12));
    assertThat(e.ci().upper()).isCloseTo(0.1, within(1e-12));
  }

  @Test
  void sliceIntervalsNeverLeaveTheRangeOfTheirValues() {
    long seed = 20240607;
    Random rnd = new Random(seed);
    for (int trial = 0; trial < 200; trial++) {
      int n = 2 + rnd.nextInt(8);
      double[] b = new double[n];
      double[] c = new double[n];
      List<String> ids = new ArrayList<>();
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        ids.add("e" + i);
        b[i] = rnd.nextDouble();
        c[i] = rnd.nextDouble();
        lo = Math.min(lo, c[i] - b[i]);
        hi = Math.max(hi, c[i] - b[i]);
      }
      Estimate d = Intervals.difference(ids, b, c, 0.95);
      assertThat(d.ci().lower()).as("seed %d trial %d", seed, trial).isGreaterThanOrEqualTo(lo - 1e-12);
      assertThat(d.ci().upper()).as("seed %d trial %d", seed, trial).isLessThanOrEqualTo(hi + 1e-12);
      Estimate m = Intervals.mean(ids, b, 0.95);
      assertThat(m.ci().lower()).as("seed %d trial %d", seed, trial).isGreaterThanOrEqualTo(0);
      assertThat(m.ci().upper()).as("seed %d trial %d", seed, trial).isLessThanOrEqualTo(1);
    }
  }

  @Test
  void informativeTagsComeFirstAndIdsAreNotSliced() {
    List<Example> examples = new ArrayList<>();
    List<ExampleResult> results = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      // topic: 40 values of 5 examples; type: 2 values; doc: a value per example; lang: one value.
      examples.add(new Example("e" + i, TextNode.valueOf("x"), null, Map.of("topic", "t" + (i % 40),
          "type", i % 2 == 0 ? "keyword" : "paraphrase", "doc", "d" + i, "lang", "en"), null, i + 1));
      results.add(result("e" + i, i % 3 == 0 ? 1 : 0, null));
    }
    RunView run = new RunView(header("r1", "sys", "fake", 200), results);
    Slices.Result r = Slices.of(DatasetView.of(examples), run, null, "exact_match", 0.95);
    assertThat(r.keys()).extracting(Slices.Key::key).containsExactly("type", "topic");
    assertThat(r.notSliced()).containsExactly("doc (a value per example)", "lang (one value)");
    Slices.Key topic = r.keys().get(1);
    assertThat(topic.rows()).hasSize(Slices.MAX_ROWS);
    assertThat(topic.omittedValues()).isEqualTo(20);
    assertThat(topic.omittedExamples()).isEqualTo(100);

    // The card shows the same slices and says what it left out.
    var card = ModelCard.build("sys", List.of(new ModelCard.EvaluatedRun(run, DatasetView.of(examples),
        dev.assay.gate.RunEstimate.of(run.scores(), dev.assay.core.Plugins.installed(), 0.95))), List.of(),
        CardSpec.empty(), 0.95).markdown();
    assertThat(card).contains("| type=keyword |", "| topic=t0 |",
        "Not shown: 20 smaller slices of topic (100 examples); doc (a value per example); lang (one value).");
  }

  @Test
  void credentialsAreRedactedButTokenLimitsAreShown() {
    for (String secret : List.of("api_key", "api_key_env", "apiKey", "token", "access_token", "secret", "password",
        "headers", "Authorization", "client-secret", "auth")) {
      assertThat(SystemRows.secret(secret)).as(secret).isTrue();
    }
    for (String plain : List.of("max_tokens", "tokens_per_minute", "temperature", "model", "prompt", "keyword_field",
        "top_k", "base_url")) {
      assertThat(SystemRows.secret(plain)).as(plain).isFalse();
    }
    ObjectNode params = Json.object();
    params.put("model", "qwen2.5-7b-instruct");
    params.put("temperature", 0.2);
    params.put("max_tokens", 256);
    params.put("prompt", "Question: {{question}}");
    params.put("api_key_env", "OPENAI_API_KEY");
    params.putObject("request").put("query", "{{input}}").put("token", "abc");
    List<String[]> rows = SystemRows.of(List.of(header("r1", "gpt", "openai", 10, params)));
    Map<String, String> byField = new HashMap<>();
    rows.forEach(row -> byField.put(row[0], row[1]));
    assertThat(byField).containsEntry("adapter", "openai").containsEntry("model", "qwen2.5-7b-instruct")
        .containsEntry("temperature", "0.2").containsEntry("max_tokens", "256")
        .containsEntry("prompt", "Question: {{question}}").containsEntry("api_key_env", "(redacted)")
        .containsEntry("request", "{\"query\":\"{{input}}\",\"token\":\"(redacted)\"}");
  }

  @Test
  void theReportShowsTheSystemsAndTheJudgesRationaleForFlippedExamples() {
    List<Example> examples = new ArrayList<>();
    List<ExampleResult> base = new ArrayList<>();
    List<ExampleResult> cand = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      examples.add(new Example("e" + i, TextNode.valueOf("question " + i), TextNode.valueOf("answer"), Map.of(),
          null, i + 1));
      base.add(result("e" + i, 1, i == 7 ? "Correct: names the capital." : null));
      cand.add(result("e" + i, i == 7 ? 0 : 1, i == 7 ? "Wrong <city>: names a port." : null));
    }
    ObjectNode params = Json.object();
    params.put("model", "m-7b");
    params.put("max_tokens", 64);
    params.put("api_key", "sk-live-123");
    ReportInput in = input(header("b", "small", "openai", 40, params), base, header("c", "large", "openai", 40,
        params), cand, examples);
    String html = new HtmlReport(in).render();
    assertThat(html).contains("<h2 id=\"systems\">Systems</h2>", "<td>m-7b</td>", "<td class=\"n\">64</td>",
        "(redacted)").doesNotContain("sk-live-123");
    assertThat(html).contains("<b>judge rationale:</b> Correct: names the capital.",
        "<b>judge rationale:</b> Wrong &lt;city&gt;: names a port.");
    assertThat(html).contains("<h2 id=\"latency\">Latency</h2>");
  }

  @Test
  void preRecordedPredictionsGetNoLatencySection() {
    List<Example> examples = new ArrayList<>();
    List<ExampleResult> base = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      examples.add(new Example("e" + i, TextNode.valueOf("q"), TextNode.valueOf("a"), Map.of(), null, i + 1));
      base.add(result("e" + i, i % 2, null));
    }
    RunRecord b = header("b", "old", "predictions", 30);
    RunRecord c = header("c", "new", "predictions", 30);
    String html = new HtmlReport(input(b, base, c, base, examples)).render();
    assertThat(html).doesNotContain("id=\"latency\"", "Latency CDF");
    RunRecord live = header("c", "new", "command", 30);
    String mixed = new HtmlReport(input(b, base, live, base, examples)).render();
    assertThat(mixed).contains("<h2 id=\"latency\">Latency</h2>", "pre-recorded predictions (assay timed no call)",
        "Latency CDF");
  }

  @Test
  void reliabilityDiagramsCountTheirBins() {
    double[] confidence = {0.55, 0.58, 0.95, 0.91, 0.97, 0.99, 0.15};
    boolean[] correct = {true, false, true, true, true, false, false};
    double[] weight = {1, 1, 1, 1, 1, 1, 1};
    String svg = Plots.reliability("r", Reliability.of(confidence, correct, weight, 10, Binning.UNIFORM));
    Matcher m = Pattern.compile("<text[^>]*class=\"tick bin-count\"[^>]*>(\\d+)</text>").matcher(svg);
    List<String> counts = new ArrayList<>();
    while (m.find()) {
      counts.add(m.group(1));
    }
    assertThat(counts).containsExactly("1", "2", "4");
  }

  @Test
  void theLatencyLegendHasALinePerSystem() {
    Map<String, double[]> series = new java.util.LinkedHashMap<>();
    series.put("baseline (01a25120-7979-7000-bdf7-b420f6d99bdd)", new double[] {1, 2, 3});
    series.put("candidate (01a25120-86bb-7000-a60d-185aa7a9ccc4)", new double[] {2, 3, 4});
    String svg = Plots.cdf("cdf", series);
    Matcher m = Pattern.compile("<text x=\"([0-9.]+)\" y=\"([0-9.]+)\">(baseline|candidate) \\(").matcher(svg);
    List<String> ys = new ArrayList<>();
    List<String> xs = new ArrayList<>();
    while (m.find()) {
      xs.add(m.group(1));
      ys.add(m.group(2));
    }
    assertThat(xs).hasSize(2).containsOnly(xs.get(0));
    assertThat(Double.parseDouble(ys.get(1)) - Double.parseDouble(ys.get(0))).isGreaterThanOrEqualTo(16);
  }

  @Test
  void aLinePlotJoinsPointsInStepOrderAndLeavesOutWhatIsNotFinite() {
    // logged out of step order, with one NaN: the line goes 0 -> 1 -> 2 and skips the NaN
    String svg = Plots.line("loss <b>", "step", "value", new double[] {2, 0, 1, 3}, new double[] {1, 3, 2, Double.NaN});
    Matcher m = Pattern.compile("<polyline points=\"([^\"]+)\"").matcher(svg);
    assertThat(m.find()).isTrue();
    String[] pts = m.group(1).split(" ");
    assertThat(pts).hasSize(3);
    double[] px = new double[3];
    double[] py = new double[3];
    for (int i = 0; i < 3; i++) {
      px[i] = Double.parseDouble(pts[i].split(",")[0]);
      py[i] = Double.parseDouble(pts[i].split(",")[1]);
    }
    assertThat(px[0]).isLessThan(px[1]);
    assertThat(px[1]).isLessThan(px[2]);
    // y grows downwards in SVG: the value 3 (step 0) is highest, 1 (step 2) lowest
    assertThat(py[0]).isLessThan(py[1]);
    assertThat(py[1]).isLessThan(py[2]);
    assertThat(svg).contains("3 values; 1 not finite, not drawn").doesNotContain("<b>").contains("loss &lt;b&gt;");
    String one = Plots.line("one", "step", "value", new double[] {5}, new double[] {0.5});
    assertThat(one).doesNotContain("<polyline").contains("<circle");
  }

  static ExampleResult result(String id, double value, String note) {
    Score s = Score.of(value);
    Map<String, Score> scores = new HashMap<>();
    scores.put("exact_match", s);
    if (note != null) {
      scores.put("judge", Score.of(value).withNote(note));
    }
    return new ExampleResult(id, Integer.parseInt(id.substring(1)), 0, TextNode.valueOf("out " + id), scores, 12.5,
        null, null, null, null, 1, false);
  }

  static RunRecord header(String id, String system, String type, int n) {
    return header(id, system, type, n, Json.object());
  }

  static RunRecord header(String id, String system, String type, int n, ObjectNode params) {
    return RunRecord.started(id, "suite", "suite.yaml", "s", Json.object(), new SystemSpec(system, type, params, 0),
        null, "data.jsonl", "d", n, 1, List.of("exact_match"), null, null, null, 0, Instant.EPOCH)
        .finish(RunStatus.COMPLETED, Instant.EPOCH, new Counts(n, 0), Map.of());
  }

  static ReportInput input(RunRecord b, List<ExampleResult> br, RunRecord c, List<ExampleResult> cr,
      List<Example> examples) {
    var service = new dev.assay.gate.ComparisonService(new dev.assay.testkit.InMemoryStore(),
        dev.assay.core.Plugins.installed(), java.time.Clock.fixed(Instant.EPOCH, java.time.ZoneOffset.UTC));
    var result = service.compare(dev.assay.gate.Side.ofRun(b, br), dev.assay.gate.Side.ofRun(c, cr),
        dev.assay.gate.ComparisonService.Request.of(dev.assay.gate.CompareOptions.defaults().withReplicates(200))
            .withDataset(new dev.assay.core.Dataset("data.jsonl", examples, "d")));
    return ReportInput.of(result, 0.95, 200);
  }
}
