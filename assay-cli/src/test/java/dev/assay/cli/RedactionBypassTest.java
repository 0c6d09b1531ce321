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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 6: redaction bypass. An API key holding {@code "} or {@code \} that a server
 * echoed inside a malformed 200 body was stored JSON-escaped, which the redactor (matching the raw
 * key only) missed: it reached the store, exports, {@code runs show} and the cache. A real HTTP
 * server on loopback echoes the key in every encoding (raw, JSON-escaped, JSON-escaped twice,
 * URL-encoded, base64 of {@code user:key}) through error bodies and outputs; no encoding of the
 * key may appear in anything assay stored or printed.
 */
class RedactionBypassTest {
  /** Quote, backslash, slash, space and HTML characters: each is written differently by some encoder. */
  static final String KEY = "sk-q\"u\\o/te k<e>y&0123456789";
  static final String USER = "svc-user";

  @TempDir Path dir;
  CliHarness cli;
  HttpServer server;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.write("data.jsonl", "{\"id\":\"a\",\"input\":\"one\",\"reference\":\"x\"}\n"
        + "{\"id\":\"b\",\"input\":\"two\",\"reference\":\"y\"}\n");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void tearDown() {
    server.stop(0);
  }

  /** Every way a server or a log could write the key. */
  static List<String> encodings() {
    String json = jsonEscaped(KEY);
    String basic = Base64.getEncoder().encodeToString((USER + ":" + KEY).getBytes(StandardCharsets.UTF_8));
    return List.of(KEY, json, jsonEscaped(json), json.replace("/", "\\/"),
        URLEncoder.encode(KEY, StandardCharsets.UTF_8),
        URLEncoder.encode(KEY, StandardCharsets.UTF_8).replace("+", "%20"), basic,
        Base64.getUrlEncoder().withoutPadding().encodeToString((USER + ":" + KEY).getBytes(StandardCharsets.UTF_8)),
        // Distinctive pieces, should an encoding differ elsewhere.
        "q\"u\\o", "q\\\"u\\\\o", "0123456789");
  }

  static String jsonEscaped(String s) {
    String quoted = Json.canonical(com.fasterxml.jackson.databind.node.TextNode.valueOf(s));
    return quoted.substring(1, quoted.length() - 1);
  }

  /** The server: what it echoes depends on the path the system calls. */
  private void answer(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    String auth = x.getRequestHeaders().getFirst("Authorization");
    String token = auth == null ? "" : auth.substring("Bearer ".length());
    String creds = x.getRequestHeaders().getFirst("X-Credentials");
    x.getRequestBody().readAllBytes();
    int status = 200;
    String body;
    if (path.startsWith("/malformed/")) {
      // A 200 whose JSON breaks off after echoing the key, JSON-escaped.
      body = "{\"choices\":[{\"message\":{\"content\":\"your key is " + jsonEscaped(token) + "\"";
    } else if (path.startsWith("/error200/")) {
      body = "{\"error\":{\"message\":\"key " + jsonEscaped(token) + " has no quota; log: "
          + jsonEscaped("{\"k\":\"" + jsonEscaped(token) + "\"}") + "\"}}";
    } else if (path.startsWith("/urlencoded/")) {
      status = 401;
      body = "bad request to /v1?api_key=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    } else if (path.startsWith("/echo/")) {
      // A proxy that puts the caller's key into the answer itself.
      body = "{\"choices\":[{\"message\":{\"content\":\"you sent " + jsonEscaped(token) + " and "
          + jsonEscaped(jsonEscaped(token)) + "\"}}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}";
    } else if (path.startsWith("/basic-error")) {
      status = 500;
      body = "upstream refused Authorization: Basic "
          + Base64.getEncoder().encodeToString(creds.getBytes(StandardCharsets.UTF_8));
    } else {
      body = "{\"answer\":\"token " + Base64.getUrlEncoder().withoutPadding().encodeToString(
          creds.getBytes(StandardCharsets.UTF_8)) + "\"}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(status, bytes.length);
    x.getResponseBody().write(bytes);
    x.close();
  }

  private String openai(String name, String path) {
    return "  " + name + ":\n    type: openai\n    base_url: http://127.0.0.1:" + server.getAddress().getPort() + "/"
        + path + "/v1\n    model: m\n    api_key_env: THE_KEY\n";
  }

  private String http(String name, String path) {
    return "  " + name + ":\n    type: http\n    url: http://127.0.0.1:" + server.getAddress().getPort() + "/" + path
        + "\n    headers: {X-Credentials: \"${THE_CREDS}\"}\n    request: {q: \"{{input}}\"}\n    output_pointer: /answer\n";
  }

  @Test
  void noEncodingOfTheKeyIsStoredExportedCachedOrPrinted() throws Exception {
    cli.write("suite.yaml", "name: leak\ndataset:\n  path: data.jsonl\nsystems:\n" + openai("malformed", "malformed")
        + openai("error200", "error200") + openai("urlencoded", "urlencoded") + openai("echo", "echo")
        + http("basicerror", "basic-error") + http("basicok", "basic-ok")
        + "metrics: [exact_match]\nretries: 0\nmax_error_rate: 1\n");
    Map<String, String> env = Map.of("THE_KEY", KEY, "THE_CREDS", USER + ":" + KEY);
    List<String> printed = new ArrayList<>();
    CliHarness.Result run = cli.run(env, "run", "suite.yaml", "--format", "json");
    printed.add(run.toString());
    assertThat(run.code()).as(run.toString()).isIn(0, 5);
    JsonNode runs = Json.MAPPER.readTree(run.out()).path("runs");
    assertThat(runs).hasSize(6);

    List<String> stored = new ArrayList<>();
    try (var store = cli.store()) {
      for (JsonNode r : runs) {
        String id = r.path("run_id").asText();
        RunRecord header = store.run(id).orElseThrow();
        stored.add(Json.RECORDS.writeValueAsString(header));
        for (ExampleResult e : store.results(id)) {
          stored.add(Json.RECORDS.writeValueAsString(e));
          stored.add(String.valueOf(e.error()));
          if (e.output() != null) {
            stored.add(e.output().isTextual() ? e.output().textValue() : e.output().toString());
          }
        }
      }
    }
    for (JsonNode r : runs) {
      String id = r.path("run_id").asText();
      printed.add(cli.run(env, "runs", "show", id).toString());
      printed.add(cli.run(env, "runs", "show", id, "--format", "json").toString());
      assertThat(cli.run(env, "runs", "export", id, "--output", id + ".json").code()).isZero();
      printed.add(Files.readString(dir.resolve(id + ".json")));
    }
    printed.add(cli.run(env, "runs", "list").toString());
    List<String> cached = new ArrayList<>();
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(".assay/cache.db"));
        var rs = c.createStatement().executeQuery("SELECT output FROM responses")) {
      while (rs.next()) {
        cached.add(rs.getString(1));
      }
    }
    // The echo and basic-ok systems answered: their outputs are cached (redacted).
    assertThat(cached).isNotEmpty();

    // The failures are there, with the key hidden.
    assertThat(String.join("\n", stored)).contains("malformed JSON in the response (HTTP 200)", "***",
        "has no text", "HTTP 401", "HTTP 500", "you sent ***");
    byte[] database = Files.readAllBytes(cli.storeFile());
    String raw = new String(database, StandardCharsets.ISO_8859_1);
    for (String encoding : encodings()) {
      for (String text : stored) {
        assertThat(text).as("stored: " + encoding).doesNotContain(encoding);
      }
      for (String text : printed) {
        assertThat(text).as("printed: " + encoding).doesNotContain(encoding);
      }
      for (String text : cached) {
        assertThat(text).as("cached: " + encoding).doesNotContain(encoding);
      }
      assertThat(raw).as("store file bytes: " + encoding).doesNotContain(encoding);
    }
  }
}
