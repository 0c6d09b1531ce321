package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 end to end, through the command line on a real store file: register two versions;
 * promotion refused without a verdict, on FAIL and on INCONCLUSIVE, allowed after a PASS; an
 * override recorded with its reason; rollback restores the previous champion; {@code audit verify}
 * passes, then fails after each kind of tampering; {@code rerun --verify} reproduces the demo's bm25
 * run and reports the differences of a system whose outputs changed; the scorecard's figures equal
 * values computed here independently, from the SQLite file.
 */
class RegistryEndToEndTest {
  @TempDir Path dir;
  private CliHarness cli;

  /** 40 questions; "old" answers QUESTION i (right for 30), "new" answers the reference (right for all). */
  private static final int N = 40;

  private static final String GATE_FAIL = "gate:\n  rules:\n    - {rule: superiority, metric: exact_match, margin: 0.5}\n";
  private static final String GATE_INCONCLUSIVE =
      "gate:\n  rules:\n    - {rule: superiority, metric: exact_match, margin: 0.25}\n";
  private static final String GATE_PASS = "gate:\n  rules:\n    - {rule: superiority, metric: exact_match}\n"
      + "    - {rule: non_inferiority, metric: contains, margin: 0.1}\n";

  private void suite(String gate) throws IOException {
    cli.write("suite.yaml", "name: qa\ndataset:\n  path: data.jsonl\nsystems:\n"
        + "  old:\n    type: predictions\n    path: old.jsonl\n"
        + "  new:\n    type: predictions\n    path: new.jsonl\n"
        + "metrics: [exact_match, contains]\nkpi:\n  exact_match: quality\n  contains: hallucination\n"
        + "concurrency: 4\n" + gate);
  }

  private void predictions() throws IOException {
    StringBuilder old = new StringBuilder();
    StringBuilder nu = new StringBuilder();
    for (int i = 0; i < N; i++) {
      String ref = i % 4 == 3 ? "nope" : "QUESTION " + i;
      old.append("{\"id\":\"q").append(i).append("\",\"output\":\"QUESTION ").append(i).append("\",\"latency_ms\":")
          .append(10 + (i * 7) % 23).append(",\"cost\":").append(0.001 * (1 + i % 3)).append("}\n");
      nu.append("{\"id\":\"q").append(i).append("\",\"output\":\"").append(ref).append("\",\"latency_ms\":")
          .append(30 + i % 5).append(",\"cost\":0.004}\n");
    }
    cli.write("old.jsonl", old.toString());
    cli.write("new.jsonl", nu.toString());
  }

  private CliHarness.Result ok(String... args) {
    CliHarness.Result r = cli.run(args);
    assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isZero();
    return r;
  }

  private JsonNode json(CliHarness.Result r) throws IOException {
    return Json.MAPPER.readTree(r.out());
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.org"));
    cmd.addAll(Arrays.asList(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).as("git " + String.join(" ", args)).isZero();
  }

  private static boolean gitInstalled() {
    try {
      return new ProcessBuilder("git", "--version").start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void registryPromotionAuditRerunAndScorecard() throws Exception {
    assumeTrue(gitInstalled(), "git is needed for run lineage (commit, clean tree)");
    cli = new CliHarness(dir);
    cli.dataset("data.jsonl", N);
    predictions();
    suite(GATE_FAIL);
    cli.write("policy.yaml", "aliases: [champion]\nrequire:\n  - suite: suite.yaml\n");
    cli.write("behaviours.yaml", """
        min_examples: 10
        behaviours:
          - {id: first-half, description: Questions of the first half, criticality: critical, tags: {half: a}}
          - {id: second-half, criticality: low, tags: {half: b}}
          - {id: refunds, description: Not in the data yet, criticality: high, tags: {topic: refunds}}
        """);
    cli.write(".gitignore", ".assay/\n");
    git(dir, "init", "-q");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "suite");

    // ---- two versions ----
    JsonNode runs = json(ok("run", "suite.yaml", "--format", "json")).path("runs");
    String oldRun = runs.get(0).path("run_id").asText();
    String newRun = runs.get(1).path("run_id").asText();
    JsonNode v1 = json(ok("models", "register", "m", "--run", oldRun, "--policy", "policy.yaml", "--description",
        "incumbent", "--format", "json"));
    assertThat(v1.path("version").asInt()).isEqualTo(1);
    assertThat(v1.path("runs").asInt()).isEqualTo(1);
    assertThat(json(ok("models", "register", "m", "--run", newRun, "--format", "json")).path("version").asInt())
        .isEqualTo(2);

    // ---- promotion refused without a verdict ----
    CliHarness.Result none = cli.run("models", "promote", "m", "2", "--to", "champion");
    assertThat(none.code()).as(none.toString()).isEqualTo(1);
    assertThat(none.out()).contains("refused", "no fresh verdict of suite 'qa' with version 2 as candidate");

    // ---- override, recorded with its reason ----
    ok("models", "promote", "m", "1", "--to", "champion", "--override", "--reason", "incumbent before the registry");

    // ---- refused on FAIL, on INCONCLUSIVE; allowed after a PASS ----
    assertThat(cli.run("gate", "suite.yaml", "--baseline", "old", "--candidate", "new", "--replicates", "2000")
        .code()).isEqualTo(1);
    CliHarness.Result onFail = cli.run("models", "promote", "m", "2", "--to", "champion");
    assertThat(onFail.code()).as(onFail.toString()).isEqualTo(1);
    assertThat(onFail.out()).contains("is FAIL");

    suite(GATE_INCONCLUSIVE); // not committed: the runs from here on have a dirty working tree
    assertThat(cli.run("gate", "suite.yaml", "--baseline", "old", "--candidate", "new", "--replicates", "2000")
        .code()).isEqualTo(3);
    CliHarness.Result onInconclusive = cli.run("models", "promote", "m", "2", "--to", "champion", "--format", "json");
    assertThat(onInconclusive.code()).isEqualTo(1);
    JsonNode refused = json(onInconclusive);
    assertThat(refused.path("moved").asBoolean()).isFalse();
    assertThat(refused.path("requirements").get(0).path("verdict").asText()).isEqualTo("INCONCLUSIVE");
    assertThat(refused.path("unmet").get(0).asText()).contains("INCONCLUSIVE is not PASS");
    assertThat(refused.path("requirements").get(0).path("not_counted").get(0).asText())
        .as("the FAIL verdict applied the gate as it was").contains("applied another gate");

    suite(GATE_PASS);
    ok("plan", "suite.yaml", "--hypothesis", "new answers more questions than old and hallucinates no more");
    JsonNode pass = json(ok("gate", "suite.yaml", "--baseline", "old", "--candidate", "new", "--replicates", "2000",
        "--format", "json"));
    assertThat(pass.path("verdict").asText()).isEqualTo("PASS");
    String passVerdict;
    try (var store = cli.store()) {
      passVerdict = store.verdicts(dev.assay.core.VerdictRecord.Query.ALL).get(0).id();
    }
    JsonNode promoted = json(ok("models", "promote", "m", "2", "--to", "champion", "--format", "json"));
    assertThat(promoted.path("moved").asBoolean()).isTrue();
    assertThat(promoted.path("move").path("kind").asText()).isEqualTo("promotion");
    assertThat(promoted.path("move").path("evidence")).extracting(JsonNode::asText).containsExactly(passVerdict);

    // ---- rollback restores the previous champion ----
    ok("models", "rollback", "m", "--alias", "champion", "--reason", "hold until the launch review");
    JsonNode show = json(ok("models", "show", "m", "--format", "json"));
    assertThat(show.path("aliases").path("champion").asInt()).isEqualTo(1);
    JsonNode history = json(ok("models", "history", "m", "--format", "json")).path("moves");
    assertThat(history).extracting(h -> h.path("kind").asText()).containsExactly("override", "promotion", "rollback");
    assertThat(history.get(0).path("reason").asText()).isEqualTo("incumbent before the registry");
    assertThat(history.get(1).path("evidence").get(0).asText()).isEqualTo(passVerdict);
    assertThat(history.get(2).path("from").asInt()).isEqualTo(2);
    assertThat(history.get(2).path("to").asInt()).isEqualTo(1);
    assertThat(ok("models", "history", "m").out()).contains("OVERRIDE: incumbent before the registry",
        "promoted on the evidence of " + passVerdict);

    // ---- rerun --verify: the demo's bm25 run reproduces ----
    Path project = Path.of(System.getProperty("user.dir")).getParent();
    Path demo = project.resolve(DemoCommand.SUITE);
    JsonNode bm25 = json(ok("run", demo.toString(), "--system", "bm25", "--format", "json")).path("runs").get(0);
    CliHarness.Result reproduced = ok("rerun", bm25.path("run_id").asText(), "--verify");
    assertThat(reproduced.out()).contains("REPRODUCIBLE", "every output and score of 134 results is identical",
        "not compared (measurements of time): latency_p95");

    // ---- ... and a system whose outputs changed does not ----
    cli.write("old.jsonl", Files.readString(dir.resolve("old.jsonl")).replace("\"QUESTION 5\"", "\"question five\"")
        .replace("\"QUESTION 6\"", "\"QUESTION 7\""));
    CliHarness.Result changed = cli.run("rerun", oldRun, "--verify");
    assertThat(changed.code()).as(changed.toString()).isEqualTo(2);
    assertThat(changed.err()).contains("changed since run " + oldRun, "--allow-changed");
    CliHarness.Result differs = cli.run("rerun", oldRun, "--verify", "--allow-changed", "--format", "json");
    assertThat(differs.code()).as(differs.toString()).isEqualTo(1);
    JsonNode d = json(differs);
    assertThat(d.path("outcome").asText()).isEqualTo("not_reproducible");
    assertThat(d.path("results_differing").asInt()).isEqualTo(2);
    assertThat(d.path("differences")).extracting(x -> x.path("id").asText()).containsExactly("q5", "q6");
    assertThat(d.path("differences").get(0).path("changes")).extracting(JsonNode::asText)
        .containsExactly("output", "score exact_match 1.00000 -> 0.00000", "score contains 1.00000 -> 0.00000");

    // ---- audit verify passes; a checkpoint anchors the head ----
    CliHarness.Result verified = ok("audit", "verify");
    assertThat(verified.out()).contains("audit log verified");
    ok("audit", "checkpoint");
    assertThat(ok("audit", "verify").out()).contains("checkpoint", "matches");
    JsonNode entries = json(ok("audit", "list", "--format", "json")).path("entries");
    Set<String> actions = new HashSet<>();
    entries.forEach(e -> actions.add(e.path("action").asText()));
    assertThat(actions).contains("audit.started", "run.created", "run.completed", "verdict.stored",
        "plan.registered", "model.registered", "version.registered", "policy.set", "alias.override", "alias.moved",
        "alias.rollback", "run.reproduced", "dataset.stored", "audit.checkpoint");
    assertThat(json(ok("audit", "list", "--subject", passVerdict, "--format", "json")).path("entries"))
        .extracting(e -> e.path("action").asText()).containsExactly("verdict.stored", "alias.moved");

    // ---- the scorecard, checked against values computed here from the file ----
    JsonNode card = json(ok("scorecard", "--format", "json"));
    checkScorecard(card, passVerdict);
    String html = ok("scorecard", "--model", "m", "--format", "html").out();
    assertThat(html).contains("Research scorecard: model m", "Reproducibility compliance", "Offline lift");
    Files.writeString(dir.resolve("scorecard.html"), html);
    assertThat(ok("scorecard", "--format", "md").out()).contains("## Current champion", "| figure | value |");

    // ---- each kind of tampering fails verify, naming the first entry that does not match ----
    tamperedVerify("changed verdict", seq("verdict.stored", "verdict:" + passVerdict),
        "UPDATE verdicts SET verdict = 'FAIL', body = json_set(body, '$.verdict', 'FAIL') WHERE verdict_id = '"
            + passVerdict + "'");
    long last = scalarLong("SELECT max(seq) FROM audit_log");
    tamperedVerify("deleted entry", 8, "DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE seq = 7");
    tamperedVerify("reordered entries", 5, "DROP TRIGGER audit_log_no_update",
        "UPDATE audit_log SET seq = -1 WHERE seq = 5", "UPDATE audit_log SET seq = 5 WHERE seq = 6",
        "UPDATE audit_log SET seq = 6 WHERE seq = -1");
    tamperedVerify("truncated tail", last, "DROP TRIGGER audit_log_no_delete",
        "DELETE FROM audit_log WHERE seq >= " + last);
  }

  /** Copies the store and its checkpoint, edits the copy with SQL and expects verify to fail at {@code entry}. */
  private void tamperedVerify(String what, long entry, String... sql) throws Exception {
    Path copy = dir.resolve("tampered-" + what.replace(' ', '-'));
    Files.createDirectories(copy);
    try (Stream<Path> files = Files.list(dir.resolve(".assay"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, copy.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy.resolve("assay.db"));
        Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
    CliHarness.Result r = cli.run("--store", copy.resolve("assay.db").toString(), "audit", "verify", "--format",
        "json");
    assertThat(r.code()).as(what + "\n" + r).isEqualTo(1);
    JsonNode report = json(r);
    assertThat(report.path("ok").asBoolean()).as(what).isFalse();
    assertThat(report.path("first_mismatch").asLong()).as(what + "\n" + r.out()).isEqualTo(entry);
    CliHarness.Result text = cli.run("--store", copy.resolve("assay.db").toString(), "audit", "verify");
    assertThat(text.out()).as(what).contains("audit log does NOT verify: first mismatch at entry " + entry);
  }

  private void checkScorecard(JsonNode card, String passVerdict) throws Exception {
    // Offline lift: the PASS verdict's exact_match difference, and the mean difference computed from the results.
    JsonNode lift = figure(card, "lift", "exact_match");
    double oldMean = scalar("SELECT avg(json_extract(body, '$.scores.exact_match')) FROM results r JOIN runs u"
        + " ON u.pk = r.run_pk WHERE u.run_id = '" + latestRun("old", "qa") + "'");
    double newMean = scalar("SELECT avg(json_extract(body, '$.scores.exact_match')) FROM results r JOIN runs u"
        + " ON u.pk = r.run_pk WHERE u.run_id = '" + latestRun("new", "qa") + "'");
    assertThat(oldMean).isEqualTo(0.75);
    assertThat(lift.path("value").asDouble()).isCloseTo(newMean - oldMean, within(1e-12));
    assertThat(lift.path("interval").path("lower").asDouble()).isEqualTo(scalar("SELECT json_extract(body,"
        + " '$.detail.rules[0].ci[0]') FROM verdicts WHERE verdict_id = '" + passVerdict + "'"));
    assertThat(lift.path("sources")).extracting(JsonNode::asText).contains("verdict:" + passVerdict);
    assertThat(figures(card, "lift")).as("contains is a hallucination KPI, not a quality one").hasSize(1);

    // The champion after the rollback is version 1: its latest completed run of the suite.
    String champion = latestRunOfSpec(1);
    List<Double> latencies = doubles("SELECT latency_ms FROM results r JOIN runs u ON u.pk = r.run_pk"
        + " WHERE u.run_id = '" + champion + "' AND r.ok = 1");
    JsonNode p95 = figure(card, "latency_p95", "m@1");
    assertThat(p95.path("value").asDouble()).isCloseTo(type7(latencies, 0.95), within(1e-9));
    assertThat(p95.path("sources")).extracting(JsonNode::asText).contains("run:" + champion);
    double cost = scalar("SELECT 1000.0 * sum(cost) / count(cost) FROM results r JOIN runs u ON u.pk = r.run_pk"
        + " WHERE u.run_id = '" + champion + "'");
    assertThat(figure(card, "cost_per_1k", "m@1").path("value").asDouble()).isCloseTo(cost, within(1e-9));
    long failures = scalarLong("SELECT count(*) FROM results r JOIN runs u ON u.pk = r.run_pk WHERE u.run_id = '"
        + champion + "' AND json_extract(body, '$.scores.contains') = 0");
    JsonNode hallucination = figure(card, "hallucination_rate", "contains");
    assertThat(failures).isEqualTo(10);
    assertThat(hallucination.path("value").asDouble()).isEqualTo(failures / (double) N);
    assertThat(hallucination.path("interval").path("upper").asDouble())
        .isCloseTo(binomialUpperBound(failures, N, 0.05), within(1e-9));

    // Regression coverage: the PASS gate's non-inferiority rule protects every example (20 per half).
    assertThat(figure(card, "coverage", "m").path("value").asDouble()).isEqualTo((4.0 + 1.0) / (4 + 1 + 3));

    // Reproducibility compliance, from the run headers and the reproductions table.
    Instant since = Instant.parse(card.path("since").asText());
    List<String> counted = new ArrayList<>();
    int complete = 0;
    try (Connection c = connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT run_id, status, json_extract(header, '$.started_at'),"
            + " json_extract(header, '$.lineage.git_commit'), json_extract(header, '$.lineage.git_dirty'),"
            + " json_extract(header, '$.dataset_hash'), json_extract(header, '$.suite_hash') FROM runs"
            + " WHERE run_id NOT IN (SELECT rerun_run FROM reproductions)")) {
      while (rs.next()) {
        if (!Set.of("completed", "failed").contains(rs.getString(2))
            || Instant.parse(rs.getString(3)).isBefore(since)) {
          continue;
        }
        counted.add(rs.getString(1));
        complete += rs.getString(4) != null && rs.getInt(5) == 0 && rs.getString(6) != null && rs.getString(7) != null
            ? 1 : 0;
      }
    }
    assertThat(complete).as("the runs before the suite was edited").isBetween(1, counted.size() - 1);
    assertThat(figure(card, "reproducibility.lineage", "").path("value").asDouble())
        .isCloseTo(complete / (double) counted.size(), within(1e-12));
    long verified = scalarLong("SELECT count(DISTINCT original_run) FROM reproductions WHERE outcome IN"
        + " ('reproducible', 'consistent')");
    assertThat(verified).isEqualTo(1);
    assertThat(figure(card, "reproducibility.verified", "").path("value").asDouble())
        .isCloseTo(verified / (double) counted.size(), within(1e-12));

    // Throughput, time to first signal, promotions and overrides.
    long verdicts = scalarLong("SELECT count(*) FROM verdicts");
    assertThat(verdicts).isEqualTo(3);
    double weeks = Duration.between(since, Instant.parse(card.path("until").asText())).toMillis()
        / (7.0 * 24 * 3600 * 1000);
    assertThat(figure(card, "throughput", "").path("value").asDouble()).isCloseTo(verdicts / weeks, within(1e-9));
    Instant planned = Instant.parse(text("SELECT json_extract(body, '$.created_at') FROM plans"));
    Instant signal = Instant.parse(text("SELECT json_extract(body, '$.created_at') FROM verdicts WHERE"
        + " json_extract(body, '$.plan_hash') IS NOT NULL ORDER BY created_at LIMIT 1"));
    assertThat(figure(card, "time_to_first_signal", "").path("value").asDouble())
        .isCloseTo(Duration.between(planned, signal).toMillis() / 3_600_000.0, within(1e-9));
    for (String kind : List.of("promotion", "override", "rollback")) {
      assertThat(figure(card, kind + "s", "").path("value").asLong()).as(kind)
          .isEqualTo(scalarLong("SELECT count(*) FROM alias_moves WHERE kind = '" + kind + "'"));
    }
    assertThat(figure(card, "overrides", "").path("note").asText()).contains("incumbent before the registry");
  }

  // ---- independent computations ----

  /** Type-7 (linear interpolation) quantile, written out. */
  private static double type7(List<Double> values, double q) {
    double[] x = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double h = (x.length - 1) * q;
    int lo = (int) Math.floor(h);
    return lo + 1 < x.length ? x[lo] + (h - lo) * (x[lo + 1] - x[lo]) : x[lo];
  }

  /** The p with P(X <= k | n, p) = alpha, by bisection on the binomial distribution function. */
  private static double binomialUpperBound(long k, int n, double alpha) {
    double lo = 0;
    double hi = 1;
    for (int i = 0; i < 200; i++) {
      double p = (lo + hi) / 2;
      double cdf = 0;
      for (int j = 0; j <= k; j++) {
        cdf += Math.exp(logChoose(n, j) + j * Math.log(p) + (n - j) * Math.log1p(-p));
      }
      if (cdf > alpha) {
        lo = p;
      } else {
        hi = p;
      }
    }
    return (lo + hi) / 2;
  }

  private static double logChoose(int n, int k) {
    double s = 0;
    for (int i = 1; i <= k; i++) {
      s += Math.log(n - k + i) - Math.log(i);
    }
    return s;
  }

  // ---- reading the store file behind assay's back ----

  private Connection connection() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + cli.storeFile());
  }

  private double scalar(String sql) throws SQLException {
    try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getDouble(1);
    }
  }

  private long scalarLong(String sql) throws SQLException {
    try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private String text(String sql) throws SQLException {
    try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private List<Double> doubles(String sql) throws SQLException {
    List<Double> out = new ArrayList<>();
    try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getDouble(1));
      }
    }
    return out;
  }

  private long seq(String action, String subject) throws SQLException {
    return scalarLong("SELECT max(seq) FROM audit_log WHERE action = '" + action + "' AND subjects LIKE '[\""
        + subject + "\"%'");
  }

  /** The latest completed run of a system in a suite whose content is unchanged (not a rerun). */
  private String latestRun(String system, String suite) throws SQLException {
    return text("SELECT run_id FROM runs WHERE system_name = '" + system + "' AND suite_name = '" + suite + "'"
        + " AND status = 'completed' AND run_id NOT IN (SELECT rerun_run FROM reproductions)"
        + " ORDER BY started_at DESC LIMIT 1");
  }

  /** The latest completed run (not a rerun) with the spec and content hash of version {@code n} of model m. */
  private String latestRunOfSpec(int n) throws SQLException {
    String content = text("SELECT content_hash FROM model_versions WHERE number = " + n);
    return text("SELECT run_id FROM runs WHERE status = 'completed' AND json_extract(header,"
        + " '$.system_content_hash') = '" + content + "' AND run_id NOT IN (SELECT rerun_run FROM reproductions)"
        + " ORDER BY started_at DESC LIMIT 1");
  }

  private static List<JsonNode> figures(JsonNode card, String id) {
    List<JsonNode> out = new ArrayList<>();
    card.path("sections").forEach(s -> s.path("figures").forEach(f -> {
      if (f.path("id").asText().equals(id)) {
        out.add(f);
      }
    }));
    return out;
  }

  private static JsonNode figure(JsonNode card, String id, String labelPart) {
    List<JsonNode> matching = figures(card, id).stream().filter(f -> f.path("label").asText().contains(labelPart))
        .toList();
    assertThat(matching).as(id + " / " + labelPart + " in\n" + card.toPrettyString()).hasSize(1);
    return matching.get(0);
  }
}
