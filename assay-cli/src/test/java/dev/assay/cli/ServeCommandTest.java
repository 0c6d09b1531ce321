package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
  @TempDir Path dir;

  @Test
  void bindingBeyondLoopbackWithoutAuthIsRefused() {
    CliHarness.Result r = new CliHarness(dir).run("serve", "--bind", "0.0.0.0", "--port", "0");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("refusing to listen on 0.0.0.0 without authentication").contains("--auth tokens");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void anUnreachableDatabaseTwoStoresAndUnknownAuthModesAreRefused() {
    CliHarness.Result pg = new CliHarness(dir).run("serve", "--port", "0", "--db",
        "jdbc:postgresql://127.0.0.1:1/assay?user=u&password=hunter2");
    assertThat(pg.code()).as(pg.toString()).isEqualTo(2);
    assertThat(pg.err()).contains("cannot connect").contains("password=***").doesNotContain("hunter2");
    assertThat(pg.out()).isEmpty();
    CliHarness.Result both = new CliHarness(dir).run("--store", "a.db", "serve", "--port", "0", "--db", "jdbc:sqlite:b.db");
    assertThat(both.code()).as(both.toString()).isEqualTo(2);
    assertThat(both.err()).contains("--store and --db both name a store");
    assertThat(dir.resolve("a.db")).doesNotExist();
    assertThat(dir.resolve("b.db")).doesNotExist();
    CliHarness.Result auth = new CliHarness(dir).run("serve", "--auth", "maybe");
    assertThat(auth.code()).isEqualTo(2);
    assertThat(auth.err()).contains("not an auth mode");
  }

  @Test
  void servesTheStoreUntilStopped() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), dir,
        Clock.systemUTC(), false);
    CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> Cli.execute(ctx, "serve", "--port", "0"));
    Pattern url = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/)");
    String base = null;
    for (int i = 0; i < 600 && base == null; i++) {
      Matcher m = url.matcher(err.toString());
      if (m.find()) {
        base = m.group(1);
      } else {
        assertThat(code).as(err.toString()).isNotDone();
        Thread.sleep(50);
      }
    }
    assertThat(base).as(err.toString()).isNotNull();
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "api/v1/runs"))
        .build(), HttpResponse.BodyHandlers.ofString());
    JsonNode runs = Json.MAPPER.readTree(r.body());
    assertThat(runs.path("runs").isArray()).isTrue();
    HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base))
        .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<h1>Runs</h1>", "<a href=\"/experiments\">Experiments</a>");
    // the MLflow tracking pages are mounted beside the API: the Default experiment every store starts with
    HttpResponse<String> experiments = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
        + "experiments")).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(experiments.statusCode()).isEqualTo(200);
    assertThat(experiments.body()).contains("<h1>Experiments</h1>", "<a href=\"/experiments/0\">Default</a>");
    ServeCommand.stopAll();
    assertThat(code.get(30, java.util.concurrent.TimeUnit.SECONDS)).isZero();
    assertThat(err.toString()).contains("auth off: this machine only");
    assertThat(dir.resolve(".assay/assay.db")).exists();
  }

  @Test
  void storeOptionNamesTheStoreServedAsForEveryOtherCommand() throws Exception {
    Path team = dir.resolve("team/assay.db");
    CliHarness h = new CliHarness(dir);
    CliHarness.Result help = h.run("serve", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("--store=PATH");
    // a store made by another command, then served by path, and nothing made in the default place
    assertThat(h.run("--store", team.toString(), "tokens", "list").code()).isZero();
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), Map.of(), dir,
        Clock.systemUTC(), false);
    CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> Cli.execute(ctx, "serve", "--store",
        team.toString(), "--port", "0"));
    for (int i = 0; i < 600 && !err.toString().contains("Ctrl-C"); i++) {
      assertThat(code).as(err.toString()).isNotDone();
      Thread.sleep(50);
    }
    ServeCommand.stopAll();
    assertThat(code.get(30, java.util.concurrent.TimeUnit.SECONDS)).as(err.toString()).isZero();
    assertThat(err.toString()).contains("serving " + team + " at http://127.0.0.1:");
    assertThat(team).exists();
    assertThat(dir.resolve(".assay")).doesNotExist();
  }

  @Test
  void tokensAreCreatedShownOnceListedAndRevoked() throws Exception {
    CliHarness h = new CliHarness(dir);
    CliHarness.Result made = h.run("tokens", "create", "--name", "ci", "--role", "editor");
    assertThat(made.code()).as(made.toString()).isZero();
    String token = made.out().strip();
    assertThat(token).matches("assay_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
    assertThat(made.err()).contains("shown only this once");
    CliHarness.Result list = h.run("tokens", "list", "--format", "json");
    assertThat(list.code()).isZero();
    JsonNode tokens = Json.MAPPER.readTree(list.out()).path("tokens");
    assertThat(tokens).hasSize(1);
    assertThat(tokens.get(0).path("role").asText()).isEqualTo("editor");
    assertThat(list.out()).doesNotContain(token.substring(19));
    assertThat(new String(java.nio.file.Files.readAllBytes(dir.resolve(".assay/tokens.db")),
        java.nio.charset.StandardCharsets.ISO_8859_1)).as("the token file keeps no token text")
        .doesNotContain(token.substring(19));
    String id = tokens.get(0).path("id").asText();
    assertThat(h.run("tokens", "revoke", id).code()).isZero();
    assertThat(h.run("tokens", "list").out()).contains("revoked");
    JsonNode audit = Json.MAPPER.readTree(h.run("audit", "list", "--subject", "token:" + id, "--format", "json").out())
        .path("entries");
    assertThat(audit).as("token made and revoked are in the audit log").extracting(e -> e.path("action").asText())
        .containsExactly("token.created", "token.revoked");
    assertThat(audit.get(0).path("actor").asText()).startsWith("local:");
    assertThat(audit.toString()).doesNotContain(token.substring(19));
    assertThat(h.run("audit", "verify").code()).isZero();
    CliHarness.Result again = h.run("tokens", "revoke", id);
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("no valid token");
    CliHarness.Result badRole = h.run("tokens", "create", "--name", "x", "--role", "root");
    assertThat(badRole.code()).isEqualTo(2);
    assertThat(badRole.err()).contains("viewer, editor or admin");
    CliHarness.Result badName = h.run("tokens", "create", "--name", "\u001b[31mred", "--role", "viewer");
    assertThat(badName.code()).isEqualTo(2);
    assertThat(badName.err()).doesNotContain("\u001b");
  }

  @Test
  void metricsAreScrapedInThePrometheusTextFormat() throws Exception {
    Path project = Path.of(System.getProperty("user.dir")).getParent();
    String previous = System.setProperty("assay.home", project.toString());
    try {
      CliHarness.Result demo = new CliHarness(dir).run("demo", "--replicates", "200");
      assertThat(demo.code()).as(demo.toString()).isZero();
    } finally {
      if (previous == null) {
        System.clearProperty("assay.home");
      } else {
        System.setProperty("assay.home", previous);
      }
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), dir,
        Clock.systemUTC(), false);
    CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> Cli.execute(ctx, "serve", "--port", "0"));
    Pattern url = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/)");
    String base = null;
    for (int i = 0; i < 600 && base == null; i++) {
      Matcher m = url.matcher(err.toString());
      if (m.find()) {
        base = m.group(1);
      } else {
        assertThat(code).as(err.toString()).isNotDone();
        Thread.sleep(50);
      }
    }
    assertThat(base).as(err.toString()).isNotNull();
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "metrics"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
      // Parse the exposition: every sample line is NAME{LABELS} VALUE, every family has HELP and TYPE.
      Map<String, Double> samples = new java.util.LinkedHashMap<>();
      java.util.Set<String> typed = new java.util.HashSet<>();
      Pattern sample = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)");
      for (String line : r.body().split("\n")) {
        if (line.startsWith("# TYPE ")) {
          typed.add(line.split(" ")[2]);
        } else if (!line.isEmpty() && !line.startsWith("#")) {
          Matcher m = sample.matcher(line);
          assertThat(m.matches()).as(line).isTrue();
          samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
        }
      }
      assertThat(typed).contains("assay_runs", "assay_verdicts", "assay_examples_evaluated", "assay_example_errors",
          "jvm_memory_used_bytes");
      double runs = samples.entrySet().stream().filter(e -> e.getKey().startsWith("assay_runs{"))
          .mapToDouble(Map.Entry::getValue).sum();
      assertThat(runs).as("the demo's runs").isGreaterThanOrEqualTo(2);
      assertThat(samples.get("assay_examples_evaluated")).isPositive();
    } finally {
      ServeCommand.stopAll();
    }
    assertThat(code.get(30, java.util.concurrent.TimeUnit.SECONDS)).isZero();
  }
}
