package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import dev.assay.core.Plugins;
import dev.assay.testkit.StubLlmServer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The invariant that a number shown under a metric's name is that metric: in {@code compare},
 * {@code gate}, {@code report} and {@code card}, the baseline's and the candidate's value of every
 * metric is exactly that run's own value of it (as {@code assay run} reports). Every built-in
 * metric of every installed provider is checked; a provider whose names this test cannot exercise
 * fails the test, so a new metric family cannot slip past it.
 */
class MetricValueInvariantTest {
  @TempDir java.nio.file.Path dir;
  CliHarness cli;
  long seed;
  Random rnd;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
    seed = Long.getLong("assay.test.seed", new Random().nextLong());
    rnd = new Random(seed);
    System.out.println("MetricValueInvariantTest seed " + seed + " (rerun with -Dassay.test.seed=" + seed + ")");
  }

  /** The names each family's provider lists, by provider class simple name. */
  private static Map<String, Set<String>> families() {
    Map<String, Set<String>> out = new HashMap<>();
    Plugins.installed().metricNamesByProvider().forEach((provider, names) ->
        out.put(provider.substring(provider.lastIndexOf('.') + 1), new TreeSet<>(names)));
    return out;
  }

  @Test
  void everyProviderIsCovered() {
    assertThat(families().keySet()).containsExactlyInAnyOrder("TextScorers", "RetrievalScorers",
        "ClassificationScorers", "EfficiencyScorers", "JudgeScorers", "FaithfulnessScorers", "ContextScorers",
        "AnswerRelevanceScorers");
  }

  @Test
  void textEfficiencyAndJudgeMetrics() throws Exception {
    int n = 40;
    String[] words = {"the", "cat", "sat", "on", "a", "mat", "dog", "ran", "far", "away", "red", "blue"};
    StringBuilder data = new StringBuilder();
    Map<String, StringBuilder> preds = Map.of("base", new StringBuilder(), "cand", new StringBuilder());
    Map<String, String> judged = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String ref = sentence(words, 6 + rnd.nextInt(6));
      data.append("{\"id\":\"t").append(i).append("\",\"input\":\"q").append(i).append("\",\"reference\":")
          .append(Json.MAPPER.writeValueAsString(ref)).append(",\"tags\":{\"half\":\"").append(i % 2).append("\"}}\n");
      for (String sys : preds.keySet()) {
        String out = rnd.nextDouble() < (sys.equals("cand") ? 0.4 : 0.25) ? ref : sentence(words, 3 + rnd.nextInt(8));
        judged.put(out, "SCORE: " + (out.equals(ref) ? 1 : rnd.nextInt(2)));
        preds.get(sys).append("{\"id\":\"t").append(i).append("\",\"output\":").append(Json.MAPPER.writeValueAsString(out))
            .append(",\"latency_ms\":").append(5 + rnd.nextInt(200) + rnd.nextDouble())
            .append(",\"tokens_in\":").append(10 + rnd.nextInt(50)).append(",\"tokens_out\":").append(1 + rnd.nextInt(30))
            .append(",\"cost\":").append(rnd.nextInt(100) / 100000.0).append("}\n");
      }
    }
    cli.write("data.jsonl", data.toString());
    cli.write("base.jsonl", preds.get("base").toString());
    cli.write("cand.jsonl", preds.get("cand").toString());
    cli.write("rubric.txt", "{{output}}");
    Map<String, Set<String>> f = families();
    try (StubLlmServer judge = StubLlmServer.start(StubLlmServer.Config.echo().withAnswers(judged))) {
      List<String> metrics = new ArrayList<>(f.get("TextScorers"));
      metrics.addAll(f.get("EfficiencyScorers"));
      metrics.add("judge:base_url=" + judge.baseUrl() + ":model=j:rubric=rubric.txt");
      check(metrics);
    }
  }

  @Test
  void ragMetrics() throws Exception {
    int n = 30;
    String template;
    try (java.io.InputStream in =
        dev.assay.systems.judge.FaithfulnessScorers.class.getResourceAsStream("faithfulness.txt")) {
      template = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    StringBuilder data = new StringBuilder();
    Map<String, StringBuilder> preds = Map.of("base", new StringBuilder(), "cand", new StringBuilder());
    Map<String, String> judged = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String context = "fact " + i + " " + sentence(new String[] {"alpha", "beta", "gamma", "delta"}, 4);
      List<String> relevant = new ArrayList<>();
      for (int k = 0; k < 1 + rnd.nextInt(3); k++) {
        String d = "d" + rnd.nextInt(10);
        if (!relevant.contains(d)) {
          relevant.add(d);
        }
      }
      data.append("{\"id\":\"r").append(i).append("\",\"input\":\"q").append(i).append("\",\"context\":")
          .append(Json.MAPPER.writeValueAsString(context)).append(",\"relevant_contexts\":")
          .append(Json.MAPPER.writeValueAsString(relevant)).append(",\"tags\":{\"half\":\"").append(i % 2)
          .append("\"}}\n");
      for (String sys : preds.keySet()) {
        String answer = "answer " + i + " of " + sys + " " + rnd.nextInt(1000);
        List<String> retrieved = new ArrayList<>();
        for (int k = 0; k < 2 + rnd.nextInt(5); k++) {
          String d = "d" + rnd.nextInt(10);
          if (!retrieved.contains(d)) {
            retrieved.add(d);
          }
        }
        int claims = 1 + rnd.nextInt(4);
        int supported = rnd.nextInt(claims + 1);
        StringBuilder verdicts = new StringBuilder("{\"claims\": [");
        for (int c = 0; c < claims; c++) {
          verdicts.append(c == 0 ? "" : ", ").append("{\"claim\": \"claim ").append(c)
              .append("\", \"supported\": ").append(c < supported).append('}');
        }
        judged.put(template.replace("{{question}}", "q" + i).replace("{{context}}", context)
            .replace("{{answer}}", answer), verdicts.append("]}").toString());
        judged.put(AnswerRelevanceInSuiteTest.prompt(answer, 2),
            "{\"questions\": [\"q" + i + "\", \"question " + rnd.nextInt(1000) + "\"], \"noncommittal\": "
                + (rnd.nextInt(5) == 0) + "}");
        preds.get(sys).append("{\"id\":\"r").append(i).append("\",\"output\":{\"answer\":")
            .append(Json.MAPPER.writeValueAsString(answer)).append(",\"contexts\":")
            .append(Json.MAPPER.writeValueAsString(retrieved)).append("}}\n");
      }
    }
    cli.write("data.jsonl", data.toString());
    cli.write("base.jsonl", preds.get("base").toString());
    cli.write("cand.jsonl", preds.get("cand").toString());
    try (StubLlmServer judge = StubLlmServer.start(StubLlmServer.Config.echo().withAnswers(judged))) {
      List<String> metrics = new ArrayList<>(families().get("ContextScorers"));
      metrics.add("faithfulness:base_url=" + judge.baseUrl() + ":model=j:answer=answer");
      metrics.add("answer_relevance:base_url=" + judge.baseUrl() + ":model=j:answer=answer:questions=2");
      check(metrics);
    }
  }

  @Test
  void retrievalMeasures() throws Exception {
    int n = 30;
    StringBuilder data = new StringBuilder();
    Map<String, StringBuilder> preds = Map.of("base", new StringBuilder(), "cand", new StringBuilder());
    for (int i = 0; i < n; i++) {
      Map<String, Integer> qrels = new LinkedHashMap<>();
      int relevant = 1 + rnd.nextInt(6);
      for (int k = 0; k < relevant; k++) {
        qrels.put("d" + rnd.nextInt(40), rnd.nextInt(3));
      }
      data.append("{\"id\":\"q").append(i).append("\",\"input\":\"query ").append(i).append("\",\"reference\":")
          .append(Json.MAPPER.writeValueAsString(qrels)).append(",\"tags\":{\"half\":\"").append(i % 2).append("\"}}\n");
      for (String sys : preds.keySet()) {
        List<String> ranked = new ArrayList<>();
        for (int k = 0; k < 15 + rnd.nextInt(20); k++) {
          String d = sys.equals("cand") && k < qrels.size() && rnd.nextBoolean()
              ? new ArrayList<>(qrels.keySet()).get(k) : "d" + rnd.nextInt(40);
          if (!ranked.contains(d)) {
            ranked.add(d);
          }
        }
        preds.get(sys).append("{\"id\":\"q").append(i).append("\",\"output\":")
            .append(Json.MAPPER.writeValueAsString(ranked)).append("}\n");
      }
    }
    cli.write("data.jsonl", data.toString());
    cli.write("base.jsonl", preds.get("base").toString());
    cli.write("cand.jsonl", preds.get("cand").toString());
    check(new ArrayList<>(families().get("RetrievalScorers")));
  }

  @Test
  void classificationMetrics() throws Exception {
    int n = 80;
    StringBuilder data = new StringBuilder();
    Map<String, StringBuilder> preds = Map.of("base", new StringBuilder(), "cand", new StringBuilder());
    for (int i = 0; i < n; i++) {
      String truth = rnd.nextBoolean() ? "pos" : "neg";
      data.append("{\"id\":\"c").append(i).append("\",\"input\":\"x").append(i).append("\",\"reference\":\"")
          .append(truth).append("\",\"tags\":{\"half\":\"").append(i % 2).append("\"}}\n");
      for (String sys : preds.keySet()) {
        double skill = sys.equals("cand") ? 0.8 : 0.7;
        double p = truth.equals("pos") ? skill * rnd.nextDouble() + (1 - skill) * 0.5 : (1 - skill) * rnd.nextDouble();
        p = Math.round(Math.min(1, Math.max(0, p)) * 1000) / 1000.0;
        String label = p >= 0.5 ? "pos" : "neg";
        preds.get(sys).append("{\"id\":\"c").append(i).append("\",\"output\":{\"label\":\"").append(label)
            .append("\",\"scores\":{\"pos\":").append(p).append(",\"neg\":")
            .append(Math.round((1 - p) * 1000) / 1000.0).append("}}}\n");
      }
    }
    cli.write("data.jsonl", data.toString());
    cli.write("base.jsonl", preds.get("base").toString());
    cli.write("cand.jsonl", preds.get("cand").toString());
    check(new ArrayList<>(families().get("ClassificationScorers")));
  }

  private String sentence(String[] words, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(i == 0 ? "" : " ").append(words[rnd.nextInt(words.length)]);
    }
    return sb.toString();
  }

  /** Runs both systems with {@code metrics}, then checks every command's values against the runs'. */
  private void check(List<String> metrics) throws Exception {
    StringBuilder list = new StringBuilder();
    for (String m : metrics) {
      list.append("  - ").append(Json.MAPPER.writeValueAsString(m)).append('\n');
    }
    cli.write("suite.yaml", "name: invariant\ndataset:\n  path: data.jsonl\nsystems:\n"
        + "  base:\n    type: predictions\n    path: base.jsonl\n"
        + "  cand:\n    type: predictions\n    path: cand.jsonl\n"
        + "metrics:\n" + list + "max_error_rate: 1\n");
    CliHarness.Result run = cli.run("run", "suite.yaml", "--format", "json");
    assertThat(run.code()).as("seed " + seed + "\n" + run).isZero();
    JsonNode runs = Json.MAPPER.readTree(run.out()).path("runs");
    String baseId = runs.get(0).path("run_id").asText();
    String candId = runs.get(1).path("run_id").asText();
    Map<String, Double> base = values(runs.get(0).path("metrics"));
    Map<String, Double> cand = values(runs.get(1).path("metrics"));
    // Every metric the suite asks for has a value in both runs, so every one is checked below
    // (aliases such as ndcg@10 report under their metric's one name, ndcg_cut_10).
    Set<String> canonical = new TreeSet<>();
    metrics.forEach(m -> canonical.add(Plugins.installed().metric(m, null, 0).name()));
    List<String> names = new ArrayList<>(base.keySet());
    assertThat(names).as("seed " + seed + ": metrics with a run value").containsExactlyInAnyOrderElementsOf(canonical);
    assertThat(cand.keySet()).containsExactlyInAnyOrderElementsOf(names);

    // compare
    CliHarness.Result compare = cli.run("compare", baseId, candId, "--format", "json", "--replicates", "200");
    assertThat(compare.code()).as("seed " + seed + "\n" + compare).isZero();
    Map<String, JsonNode> compared = new HashMap<>();
    Json.MAPPER.readTree(compare.out()).path("comparisons").forEach(c -> compared.put(c.path("metric").asText(), c));
    for (String m : names) {
      JsonNode c = compared.get(m);
      assertThat(c).as("seed " + seed + ": compare shows " + m).isNotNull();
      assertThat(c.path("baseline").asDouble()).as("seed " + seed + ": compare baseline " + m).isEqualTo(base.get(m));
      assertThat(c.path("candidate").asDouble()).as("seed " + seed + ": compare candidate " + m).isEqualTo(cand.get(m));
    }

    // gate: a superiority rule on every metric
    StringBuilder gate = new StringBuilder("rules:\n");
    for (String m : names) {
      gate.append("  - {rule: superiority, metric: ").append(Json.MAPPER.writeValueAsString(m)).append("}\n");
    }
    cli.write("gate.yaml", gate.toString());
    CliHarness.Result gated = cli.run("compare", baseId, candId, "--gate", "gate.yaml", "--format", "json",
        "--replicates", "200");
    assertThat(gated.code()).as("seed " + seed + "\n" + gated.err()).isIn(0, 1, 3);
    JsonNode rules = Json.MAPPER.readTree(gated.out()).path("gate").path("rules");
    assertThat(rules).hasSize(names.size());
    for (JsonNode r : rules) {
      String m = r.path("metric").asText();
      assertThat(r.path("baseline").asDouble()).as("seed " + seed + ": gate baseline " + m).isEqualTo(base.get(m));
      assertThat(r.path("candidate").asDouble()).as("seed " + seed + ": gate candidate " + m).isEqualTo(cand.get(m));
    }

    // report (Markdown: values as displayed, to their displayed precision)
    CliHarness.Result report = cli.run("report", baseId, candId, "--format", "md", "--output", "report.md",
        "--replicates", "200");
    assertThat(report.code()).as("seed " + seed + "\n" + report).isZero();
    Map<String, double[]> shown = table(Files.readString(dir.resolve("report.md")), "| metric | better | baseline |", 2, 3);
    for (String m : names) {
      assertThat(shown).as("seed " + seed + ": report shows " + m).containsKey(m);
      assertDisplayed("report baseline " + m, shown.get(m)[0], base.get(m));
      assertDisplayed("report candidate " + m, shown.get(m)[1], cand.get(m));
    }

    // card: each system's value of each metric
    for (String sys : List.of("base", "cand")) {
      CliHarness.Result card = cli.run("card", sys, "--suite", "invariant", "--output", "card-" + sys);
      assertThat(card.code()).as("seed " + seed + "\n" + card).isZero();
      String md;
      try (var files = Files.list(dir.resolve("card-" + sys))) {
        md = Files.readString(files.filter(p -> p.toString().endsWith(".md")).findFirst().orElseThrow());
      }
      Map<String, double[]> card_ = table(md, "| metric | statistic | n | value |", 3, 3);
      Map<String, Double> own = sys.equals("base") ? base : cand;
      for (String m : names) {
        assertThat(card_).as("seed " + seed + ": card of " + sys + " shows " + m + " in\n" + md).containsKey(m);
        assertThat(card_.get(m)[0]).as("card of " + sys + ": " + m + " in\n" + md).isNotNaN();
        assertDisplayed("card " + sys + " " + m, card_.get(m)[0], own.get(m));
      }
    }
  }

  private static Map<String, Double> values(JsonNode metrics) {
    Map<String, Double> out = new LinkedHashMap<>();
    metrics.properties().forEach(e -> {
      if (e.getValue().isNumber()) {
        out.put(e.getKey(), e.getValue().doubleValue());
      }
    });
    return out;
  }

  private static final Pattern NUMBER = Pattern.compile("^[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?$");

  /**
   * The numeric cells {@code a} and {@code b} (0-based column indexes) of the Markdown table whose
   * header starts with {@code header}, by the metric in its first column.
   */
  private static Map<String, double[]> table(String md, String header, int a, int b) {
    Map<String, double[]> out = new HashMap<>();
    boolean in = false;
    for (String line : md.split("\n")) {
      if (line.startsWith(header)) {
        in = true;
        continue;
      }
      if (!in || line.startsWith("|---")) {
        continue;
      }
      if (!line.startsWith("|")) {
        in = false;
        continue;
      }
      String[] cells = line.substring(1).split("(?<!\\\\)\\|");
      String metric = cells[0].strip().replaceAll("\\\\(.)", "$1");
      out.put(metric, new double[] {parse(cells[a]), parse(cells[b])});
    }
    return out;
  }

  private static double parse(String cell) {
    String s = cell.strip().replace("\\", "").replace("−", "-");
    Matcher m = NUMBER.matcher(s);
    return m.matches() ? Double.parseDouble(s) : Double.NaN;
  }

  /** A displayed number is the value rounded to the report's four significant digits. */
  private void assertDisplayed(String what, double shown, double value) {
    double tolerance = Math.max(Math.abs(value) * 1e-3, 1e-9);
    assertThat(shown).as("seed " + seed + ": " + what + " shows " + shown + " for " + value)
        .isCloseTo(value, org.assertj.core.api.Assertions.within(tolerance));
  }
}
