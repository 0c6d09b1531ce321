package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.RunRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 7: credentials in URLs. A password or {@code ?api_key=} in a {@code base_url} was
 * kept out of error messages but printed in the model card and stored in the run record (its
 * system spec and suite). Every URL stored or rendered now has its user info and secret-looking
 * query values replaced by {@code ***}, while the adapter still calls the URL as written; a
 * resumed run gets the real URL back from its suite file.
 */
class UrlCredentialsTest {
  static final String PASSWORD = "pa55-w0rd-1234";
  static final String QUERY_KEY = "qk-0123456789abcdef";

  @TempDir Path dir;
  CliHarness cli;
  HttpServer server;
  final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.dataset("data.jsonl", 6);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void tearDown() {
    server.stop(0);
  }

  private void answer(HttpExchange x) throws IOException {
    requests.add(x.getRequestURI().toString());
    String prompt = Json.MAPPER.readTree(x.getRequestBody()).at("/messages/0/content").asText();
    byte[] body = ("{\"choices\":[{\"message\":{\"content\":" + Json.canonical(Json.MAPPER.valueToTree(
        prompt.toUpperCase(java.util.Locale.ROOT))) + "}}]}").getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(200, body.length);
    x.getResponseBody().write(body);
    x.close();
  }

  private String baseUrl() {
    return "http://svc-user:" + PASSWORD + "@127.0.0.1:" + server.getAddress().getPort() + "/v1?api_key=" + QUERY_KEY
        + "&region=eu";
  }

  private void suite() throws Exception {
    cli.write("suite.yaml", "name: url-credentials\ndescription: calls " + baseUrl() + "\ndataset:\n  path: data.jsonl\n"
        + "systems:\n  llm:\n    type: openai\n    base_url: \"" + baseUrl() + "\"\n    model: m\n"
        + "  copy:\n    type: openai\n    base_url: \"" + baseUrl() + "\"\n    model: m2\n"
        + "metrics: [exact_match]\nconcurrency: 2\n");
  }

  /** The password and query key in every form they could be written. */
  static List<String> forms() {
    return Stream.of(PASSWORD, QUERY_KEY, "svc-user:" + PASSWORD,
        Base64.getEncoder().encodeToString(("svc-user:" + PASSWORD).getBytes(StandardCharsets.UTF_8))).toList();
  }

  @Test
  void credentialsReachTheServerButNoRecordReportCardOrTerminal() throws Exception {
    suite();
    List<String> seen = new ArrayList<>();
    CliHarness.Result run = cli.run("run", "suite.yaml", "--format", "json", "--no-cache");
    assertThat(run.code()).as(run.toString()).isZero();
    seen.add(run.toString());
    // The adapter called the URL as written: the path, then the query with the key.
    assertThat(requests).isNotEmpty().allSatisfy(uri -> assertThat(uri)
        .isEqualTo("/v1/chat/completions?api_key=" + QUERY_KEY + "&region=eu"));

    JsonNode runs = Json.MAPPER.readTree(run.out()).path("runs");
    String llm = runs.get(0).path("run_id").asText();
    String copy = runs.get(1).path("run_id").asText();
    try (var store = cli.store()) {
      RunRecord header = store.run(llm).orElseThrow();
      String json = Json.RECORDS.writeValueAsString(header);
      seen.add(json);
      assertThat(header.system().params().path("base_url").asText())
          .isEqualTo("http://***@127.0.0.1:" + server.getAddress().getPort() + "/v1?api_key=***&region=eu");
      assertThat(header.suite().path("description").asText()).contains("http://***@127.0.0.1:", "api_key=***");
      for (ExampleResult r : store.results(llm)) {
        seen.add(Json.RECORDS.writeValueAsString(r));
      }
    }
    seen.add(cli.run("runs", "show", llm).toString());
    seen.add(cli.run("runs", "show", llm, "--format", "json").toString());
    seen.add(cli.run("runs", "list", "--format", "json").toString());
    assertThat(cli.run("runs", "export", llm, "--output", "export.json").code()).isZero();
    seen.add(Files.readString(dir.resolve("export.json")));
    CliHarness.Result card = cli.run("card", "llm", "--output", "cards");
    assertThat(card.code()).as(card.toString()).isZero();
    seen.add(card.toString());
    String cardMd = Files.readString(dir.resolve("cards/card-llm.md"));
    assertThat(cardMd).contains("http://***@127.0.0.1");
    seen.add(cardMd);
    seen.add(Files.readString(dir.resolve("cards/card-llm.html")));
    for (String format : new String[] {"html", "md"}) {
      CliHarness.Result report = cli.run("report", llm, copy, "--output", "report." + format, "--format", format);
      assertThat(report.code()).as(report.toString()).isIn(0, 1, 3);
      seen.add(report.toString());
      seen.add(Files.readString(dir.resolve("report." + format)));
    }
    seen.add(new String(Files.readAllBytes(cli.storeFile()), StandardCharsets.ISO_8859_1));
    for (String form : forms()) {
      for (String text : seen) {
        assertThat(text).as(form).doesNotContain(form);
      }
    }
  }

  @Test
  void aResumedRunCallsTheRealUrlFromItsSuite() throws Exception {
    suite();
    CliHarness.Result run = cli.run("run", "suite.yaml", "--system", "llm", "--format", "json", "--no-cache");
    assertThat(run.code()).as(run.toString()).isZero();
    String id = Json.MAPPER.readTree(run.out()).path("runs").get(0).path("run_id").asText();
    // Interrupted after three examples: the rest is resumed from the record.
    cli.sql("DELETE FROM results WHERE example_index >= 3");
    cli.sql("UPDATE runs SET status = 'running', header = json_set(header, '$.status', 'running')");
    requests.clear();

    CliHarness.Result resumed = cli.run("run", "--resume", id, "--no-cache");
    assertThat(resumed.code()).as(resumed.toString()).isZero();
    assertThat(requests).hasSize(3).allSatisfy(uri -> assertThat(uri).contains("api_key=" + QUERY_KEY));
    try (var store = cli.store()) {
      assertThat(store.results(id)).hasSize(6).allSatisfy(r -> assertThat(r.error()).isNull());
      assertThat(Json.RECORDS.writeValueAsString(store.run(id).orElseThrow())).doesNotContain(PASSWORD, QUERY_KEY);
    }

    // Without the suite, the credentials are nowhere to be had: said so, nothing called.
    cli.sql("UPDATE runs SET status = 'running', header = json_set(header, '$.status', 'running')");
    cli.sql("DELETE FROM results WHERE example_index >= 3");
    Files.delete(dir.resolve("suite.yaml"));
    requests.clear();
    CliHarness.Result gone = cli.run("run", "--resume", id);
    InputErrorAssert.oneLineInputError(gone, "credentials", "suite.yaml");
    assertThat(requests).isEmpty();
  }

  /** A rerun (registry verification) calls the URL the original run called, credentials included. */
  @Test
  void aRerunCallsTheRealUrlFromItsSuite() throws Exception {
    suite();
    CliHarness.Result run = cli.run("run", "suite.yaml", "--system", "llm", "--format", "json", "--no-cache");
    assertThat(run.code()).as(run.toString()).isZero();
    String id = Json.MAPPER.readTree(run.out()).path("runs").get(0).path("run_id").asText();
    requests.clear();

    CliHarness.Result rerun = cli.run("rerun", id, "--verify");
    assertThat(rerun.code()).as(rerun.toString()).isZero();
    assertThat(requests).hasSize(6).allSatisfy(uri -> assertThat(uri).contains("api_key=" + QUERY_KEY));
    for (String form : forms()) {
      assertThat(rerun.toString()).doesNotContain(form);
    }
  }
}
