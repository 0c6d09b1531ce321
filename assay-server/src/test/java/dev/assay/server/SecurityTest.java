package dev.assay.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classes of attack in MLflow's published CVEs, one test each, against a real server with auth
 * on. Every payload goes through real HTTP; assertions check both the answer and the side effect
 * that must not happen (a file read, a connection made, a file created, a token minted).
 */
class SecurityTest {
  @TempDir static Path dir;
  static Fixture f;
  static String admin;
  static String editor;

  @BeforeAll
  static void start() {
    f = new Fixture(dir, AuthMode.TOKENS);
    admin = f.tokens.get(Role.ADMIN);
    editor = f.tokens.get(Role.EDITOR);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void pathTraversalThroughAnyIdOrPathReadsNoFile() throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    List<String> ids = List.of("../../../../etc/passwd", "..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "....//....//etc/passwd", secret.toString(), "..\\..\\secret.txt", "%00", "a%00b", "/etc/passwd",
        "file:%2F%2F%2Fetc%2Fpasswd", "..", ".");
    List<String> templates = List.of("/api/v1/runs/%s", "/api/v1/runs/%s/examples", "/api/v1/verdicts/%s",
        "/api/v1/datasets/%s", "/api/v1/datasets/%s/examples", "/runs/%s", "/verdicts/%s", "/static/%s",
        "/api/v1/comparisons?baseline=%s&candidate=cand-run", "/api/v1/runs/cand-run/examples?flipped_vs=%s",
        "/api/v1/runs?cursor=%s", "/api/v1/models/%s", "/api/v1/models/qa-bot/versions/%s", "/models/%s",
        "/api/v1/scorecard?model=%s");
    for (String t : templates) {
      for (String id : ids) {
        String path = String.format(t, id.contains("%") ? id : id.replace("/", "%2F").replace("\\", "%5C"));
        RawHttp.Response r = RawHttp.get(f.server.port(), path, "127.0.0.1:" + f.server.port(),
            "Authorization: Bearer " + admin + "\r\n");
        assertThat(r.status()).as(path).isBetween(400, 499);
        assertThat(r.text()).as(path).doesNotContain("root:x:0").doesNotContain("TOP-SECRET");
      }
      // raw, unencoded dot segments too
      RawHttp.Response raw = RawHttp.get(f.server.port(), String.format(t, "../../../../etc/passwd"),
          "127.0.0.1:" + f.server.port(), "Authorization: Bearer " + admin + "\r\n");
      assertThat(raw.text()).doesNotContain("root:x:0");
    }
    for (String listing : List.of("/static/", "/static", "/static/..", "/static/../../etc/passwd", "/api/v1/")) {
      RawHttp.Response r = RawHttp.get(f.server.port(), listing, "127.0.0.1:" + f.server.port(), "");
      assertThat(r.status()).as("no directory listing at %s", listing).isBetween(400, 404);
      assertThat(r.text()).doesNotContain("assay.js\n").doesNotContain("Index of");
    }
  }

  /** The server fetches no URL a request names: a listener that every URL-shaped input points at sees no connection. */
  @Test
  void noRequestMakesTheServerConnectAnywhere() throws Exception {
    try (ServerSocket trap = new ServerSocket()) {
      trap.bind(new InetSocketAddress("127.0.0.1", 0));
      AtomicInteger connections = new AtomicInteger();
      Thread accept = new Thread(() -> {
        while (!trap.isClosed()) {
          try (Socket s = trap.accept()) {
            connections.incrementAndGet();
          } catch (IOException closed) {
            return;
          }
        }
      });
      accept.setDaemon(true);
      accept.start();
      String url = "http://127.0.0.1:" + trap.getLocalPort() + "/x";
      for (String q : List.of("/api/v1/runs?suite=" + enc(url), "/api/v1/runs/cand-run/examples?q=" + enc(url),
          "/api/v1/comparisons?baseline=" + enc(url) + "&candidate=cand-run", "/?suite=" + enc(url),
          "/login?next=" + enc(url), "/api/v1/runs?cursor=" + enc(url))) {
        f.get(q);
      }
      JsonNode header = Json.RECORDS.valueToTree(f.baseline);
      ((com.fasterxml.jackson.databind.node.ObjectNode) header).put("run_id", "ssrf-run").put("dataset_path", url)
          .put("suite_path", url);
      ((com.fasterxml.jackson.databind.node.ObjectNode) header.path("system_spec")).put("base_url", url);
      f.send("PUT", "/api/v1/runs/ssrf-run", Json.write(header), "application/json", editor);
      f.send("PUT", "/api/v1/datasets/" + "a".repeat(64) + "?source=" + enc(url), "{\"id\":\"x\",\"input\":\"" + url
          + "\"}\n", "application/x-ndjson", editor);
      f.send("POST", "/api/v1/runs/ssrf-run/results", "{\"results\":[{\"id\":\"q0\",\"index\":0,\"repeat\":0,"
          + "\"output\":\"" + url + "\",\"attempts\":1}]}", "application/json", editor);
      f.get("/runs/ssrf-run");
      f.get("/api/v1/comparisons?baseline=base-run&candidate=ssrf-run");
      Thread.sleep(300);
      assertThat(connections.get()).as("connections the server made").isZero();
    }
    // and no server class can make one: none refers to an HTTP client, URL connections or sockets
    assertThat(serverClassesReferring("java/net/http/HttpClient", "java/net/URL", "java/net/Socket",
        "java/net/URLConnection", "java/net/InetSocketAddress")).isEmpty();
  }

  @Test
  void commandInjectionPayloadsRunNothing() throws Exception {
    Path marker = dir.resolve("pwned-marker");
    String touch = "touch " + marker;
    List<String> payloads = List.of("; " + touch, "$(" + touch + ")", "`" + touch + "`", "| " + touch, "&& " + touch,
        "\n" + touch);
    for (String p : payloads) {
      f.get("/api/v1/runs?suite=" + enc(p));
      f.get("/api/v1/runs/cand-run/examples?q=" + enc(p));
      f.get("/api/v1/runs/" + enc(p));
      f.send("POST", "/api/v1/tokens", Json.write(Json.object().put("name", p).put("role", "viewer")),
          "application/json", admin);
      JsonNode header = Json.RECORDS.valueToTree(f.baseline);
      ((com.fasterxml.jackson.databind.node.ObjectNode) header).put("run_id", "cmd-run").put("system_name", p);
      ((com.fasterxml.jackson.databind.node.ObjectNode) header.path("system_spec")).put("type", "command")
          .put("command", touch);
      f.send("PUT", "/api/v1/runs/cmd-run", Json.write(header), "application/json", editor);
      f.get("/runs/cmd-run");
    }
    assertThat(marker).doesNotExist();
    assertThat(serverClassesReferring("java/lang/ProcessBuilder", "java/lang/Runtime")).isEmpty();
  }

  @Test
  void bodiesAreNeverDeserialisedIntoTypesTheyName() throws Exception {
    Path marker = dir.resolve("deser-marker");
    String gadget = "{\"@class\":\"java.lang.ProcessBuilder\",\"command\":[\"touch\",\"" + marker + "\"]}";
    JsonNode header = Json.RECORDS.valueToTree(f.baseline);
    com.fasterxml.jackson.databind.node.ObjectNode evil = ((com.fasterxml.jackson.databind.node.ObjectNode) header)
        .put("run_id", "deser-run");
    evil.set("@class", Json.MAPPER.getNodeFactory().textNode("java.lang.ProcessBuilder"));
    evil.set("suite", Json.MAPPER.readTree(gadget));
    HttpResponse<String> r = f.send("PUT", "/api/v1/runs/deser-run", Json.write(evil), "application/json", editor);
    assertThat(r.statusCode()).isIn(200, 201, 400);
    HttpResponse<String> verdict = f.send("POST", "/api/v1/verdicts", "[\"java.net.URL\",\"http://127.0.0.1:1/\"]",
        "application/json", editor);
    assertThat(verdict.statusCode()).isEqualTo(400);
    HttpResponse<String> results = f.send("POST", "/api/v1/runs/cand-run/results",
        "{\"results\":[[\"org.springframework.context.support.FileSystemXmlApplicationContext\",\"http://x\"]]}",
        "application/json", editor);
    assertThat(results.statusCode()).isEqualTo(400);
    assertThat(marker).doesNotExist();
    assertThat(BodyLimits.JSON.getDeserializationConfig().getDefaultTyper(null)).as("no default typing").isNull();
    assertThat(serverClassesReferring("java/io/ObjectInputStream", "java/beans/XMLDecoder")).isEmpty();
  }

  @Test
  void storedXssIsEscapedInEveryPageAndThePolicyForbidsInlineScript() {
    String payload = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'><svg/onload=alert(3)>";
    JsonNode header = Json.RECORDS.valueToTree(f.baseline);
    ((com.fasterxml.jackson.databind.node.ObjectNode) header).put("run_id", "xss-run").put("system_name", payload)
        .put("suite_name", payload).put("dataset_path", payload).put("failure", payload);
    assertThat(f.send("PUT", "/api/v1/runs/xss-run", Json.write(header), "application/json", editor).statusCode())
        .isIn(200, 201);
    f.send("POST", "/api/v1/runs/xss-run/results", "{\"results\":[{\"id\":\"q0\",\"index\":0,\"repeat\":0,\"output\":"
        + Json.write(Json.MAPPER.getNodeFactory().textNode(payload)) + ",\"error\":null,\"attempts\":1,"
        + "\"scores\":{\"" + "exact_match" + "\":1}}]}", "application/json", editor);
    for (String page : List.of("/", "/runs/xss-run", "/runs/xss-run?q=" + enc(payload), "/verdicts?suite=" + enc(payload),
        "/compare?baseline=xss-run&candidate=" + enc(payload), "/login?next=" + enc(payload))) {
      HttpResponse<String> r = f.get(page);
      assertThat(r.body()).as(page).doesNotContain("<script>alert").doesNotContain("<img src=x")
          .doesNotContain("<svg/onload");
      assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).as(page)
          .contains("default-src 'self'").contains("script-src 'self'").doesNotContain("unsafe-inline");
      assertThat(r.body()).as(page).doesNotContainPattern("<script>[^<]");
    }
    assertThat(f.get("/runs/xss-run").body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void crossSiteRequestsWithoutTheSessionsCsrfTokenAreRefused() {
    HttpResponse<String> loginPage = f.get("/login", null);
    String csrf = AuthTest.csrf(loginPage.body());
    String pre = AuthTest.cookie(loginPage);
    HttpResponse<String> signIn = AuthTest.form(f, "/login", pre, "csrf=" + csrf + "&token=" + admin);
    String session = AuthTest.cookie(signIn);
    HttpResponse<String> tokensPage = f.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(f.base() + "/tokens")).header("Cookie", session).build());
    String good = AuthTest.csrf(tokensPage.body());
    int before = f.tokenStore.list().size();
    for (String body : List.of("name=evil&role=admin", "name=evil&role=admin&csrf=", "name=evil&role=admin&csrf=" + csrf,
        "name=evil&role=admin&csrf=" + good + "x")) {
      HttpResponse<String> r = AuthTest.form(f, "/tokens", session, body);
      assertThat(r.statusCode()).as(body).isEqualTo(403);
      assertThat(Fixture.json(r).path("type").asText()).isEqualTo("urn:assay:problem:csrf");
    }
    HttpResponse<String> api = f.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(f.base()
        + "/api/v1/tokens")).header("Cookie", session).header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"evil\",\"role\":\"admin\"}")).build());
    assertThat(api.statusCode()).as("a session cookie alone does not authorise an API write").isEqualTo(403);
    assertThat(f.tokenStore.list()).hasSize(before);
    HttpResponse<String> ok = AuthTest.form(f, "/tokens", session, "name=fine&role=viewer&csrf=" + good);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(f.tokenStore.list()).hasSize(before + 1);
  }

  @Test
  void foreignHostsAndOriginsAreRefused() {
    int port = f.server.port();
    for (String host : List.of("evil.example:" + port, "evil.example", "127.0.0.1.evil.example:" + port,
        "localhost:" + (port + 1), "")) {
      RawHttp.Response r = RawHttp.get(port, "/api/v1/health", host, "");
      assertThat(r.status()).as("Host: %s", host).isIn(400, 421);
    }
    assertThat(RawHttp.get(port, "/api/v1/health", "127.0.0.1:" + port, "").status()).isEqualTo(200);
    assertThat(RawHttp.get(port, "/api/v1/health", "localhost:" + port, "").status()).isEqualTo(200);
    RawHttp.Response rebound = RawHttp.get(port, "/api/v1/runs", "attacker.example:" + port,
        "Authorization: Bearer " + admin + "\r\n");
    assertThat(rebound.status()).isEqualTo(421);
    assertThat(rebound.text()).doesNotContain("cand-run");
    HttpResponse<String> foreign = f.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(f.base()
        + "/api/v1/tokens")).header("Origin", "http://evil.example").header("Authorization", "Bearer " + admin)
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"o\",\"role\":\"admin\"}")).build());
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(Fixture.json(foreign).path("type").asText()).isEqualTo("urn:assay:problem:origin-not-allowed");
  }

  @Test
  void oversizedAndDeeplyNestedBodiesAreRefusedAndTheServerStaysUp() {
    int port = f.server.port();
    String auth = "Authorization: Bearer " + editor + "\r\n";
    RawHttp.Response declared = RawHttp.send(port, "POST /api/v1/runs/cand-run/results HTTP/1.1\r\nHost: 127.0.0.1:"
        + port + "\r\n" + auth + "Content-Type: application/json\r\nContent-Length: " + (64L << 20)
        + "\r\nConnection: close\r\n\r\n", "{".getBytes(StandardCharsets.UTF_8));
    assertThat(declared.status()).isEqualTo(413);
    byte[] big = new byte[2 << 20];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    StringBuilder chunked = new StringBuilder();
    RawHttp.Response streamed = RawHttp.send(port, "POST /api/v1/verdicts HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
        + auth + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        chunk(big));
    assertThat(streamed.status()).as(streamed.text()).isEqualTo(413);
    assertThat(chunked).isEmpty();
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    HttpResponse<String> nested = f.send("POST", "/api/v1/runs/cand-run/results", "{\"results\":" + deep + "}",
        "application/json", editor);
    assertThat(nested.statusCode()).isIn(400, 413);
    String deepButSmall = "{\"results\":[" + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + "]}";
    HttpResponse<String> nested2 = f.send("POST", "/api/v1/runs/cand-run/results", deepButSmall, "application/json",
        editor);
    assertThat(nested2.statusCode()).isEqualTo(400);
    assertThat(Fixture.json(nested2).path("type").asText()).isEqualTo("urn:assay:problem:malformed-json");
    assertThat(Fixture.json(nested2).path("detail").asText()).doesNotContain("StreamReadConstraints");
    HttpResponse<String> tooMany = f.send("POST", "/api/v1/runs/cand-run/results", "{\"results\":["
        + "{}," .repeat(10_000) + "{}]}", "application/json", editor);
    assertThat(tooMany.statusCode()).isIn(400, 413);
    assertThat(f.get("/api/v1/health").statusCode()).isEqualTo(200);
    assertThat(f.store.resultStats("cand-run").stored()).isEqualTo(Fixture.EXAMPLES);
  }

  private static byte[] chunk(byte[] data) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int step = 64 * 1024;
    for (int i = 0; i < data.length; i += step) {
      int n = Math.min(step, data.length - i);
      out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(data, i, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  @Test
  void sqlInjectionThroughFiltersFindsNothingAndDropsNothing() {
    List<String> payloads = List.of("' OR '1'='1", "x' OR 1=1 --", "\"; DROP TABLE runs; --",
        "qa' UNION SELECT header FROM runs --", "%' OR suite_name LIKE '%", "qa'); DELETE FROM results; --");
    for (String p : payloads) {
      for (String param : List.of("suite", "system")) {
        HttpResponse<String> r = f.get("/api/v1/runs?" + param + "=" + enc(p));
        assertThat(r.statusCode()).as(p).isEqualTo(200);
        assertThat(Fixture.json(r).path("runs")).as("%s=%s", param, p).isEmpty();
      }
      assertThat(f.get("/api/v1/runs?status=" + enc(p)).statusCode()).isEqualTo(400);
      assertThat(f.get("/api/v1/verdicts?suite=" + enc(p)).statusCode()).isEqualTo(200);
      assertThat(f.get("/api/v1/runs/cand-run/examples?q=" + enc(p) + "&tag=" + enc("lang=" + p)).statusCode())
          .isEqualTo(200);
      assertThat(f.get("/api/v1/runs?order=" + enc(p)).statusCode()).isEqualTo(400);
      assertThat(f.get("/api/v1/runs?started_from=" + enc(p)).statusCode()).isEqualTo(400);
    }
    assertThat(Fixture.json(f.get("/api/v1/runs?suite=qa")).path("runs").size()).isGreaterThanOrEqualTo(3);
    assertThat(f.store.resultStats("base-run").stored()).isEqualTo(Fixture.EXAMPLES);
  }

  /** Server classes (not the push client) whose constant pool names one of {@code types}. */
  static List<String> serverClassesReferring(String... types) throws IOException {
    Path root = Path.of("target", "classes", "dev", "assay", "server");
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(x -> x.toString().endsWith(".class")).toList()) {
        if (p.toString().contains("/client/")) {
          continue;
        }
        String text;
        try (InputStream in = Files.newInputStream(p)) {
          text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        for (String t : types) {
          if (text.contains(t + ";") || text.contains(t + "\u0001") || text.contains(t) && !text.contains(t + "/")
              && text.matches("(?s).*" + java.util.regex.Pattern.quote(t) + "[^A-Za-z0-9$/_].*")) {
            out.add(root.relativize(p) + " -> " + t);
          }
        }
      }
    }
    return out;
  }
}
