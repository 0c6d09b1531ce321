package dev.assay.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import dev.assay.core.Verdict;
import dev.assay.core.VerdictRecord;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document served at /api/v1/openapi.json against the implementation: every API route
 * is documented with its method and role, every documented operation exists, and every documented
 * GET answers (on seeded data) with the shape its 200 response declares; errors match Problem.
 */
class OpenApiContractTest {
  @TempDir static Path dir;
  static Fixture f;
  static JsonNode doc;
  static SchemaCheck schemas;
  static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  @BeforeAll
  static void start() {
    f = new Fixture(dir, AuthMode.TOKENS);
    f.store.saveVerdict(new VerdictRecord("verdict-1", Instant.parse("2026-01-10T11:00:00Z"), Verdict.PASS, "qa",
        "baseline", "candidate", "base-run", "cand-run", "base-run", "cand-run", "ee".repeat(32), f.dataset.hash(),
        "no_plan", null, "0.1.0", Json.object().put("verdict", "PASS")));
    // the registry's routes need a model with versions and an alias history
    String editor = f.tokens.get(Role.EDITOR);
    f.seedSystemRun("v2-run", "v2.jsonl", Instant.parse("2026-01-10T10:05:00Z"));
    f.seedSystemRun("v3-run", "v3.jsonl", Instant.parse("2026-01-10T10:06:00Z"));
    for (String run : List.of("base-run", "v2-run")) {
      assertThat(f.send("POST", "/api/v1/models/qa-bot/versions", "{\"run_id\":\"" + run + "\"}", "application/json",
          editor).statusCode()).isEqualTo(201);
    }
    assertThat(f.send("POST", "/api/v1/models/qa-bot/promotions", "{\"version\":2,\"alias\":\"champion\","
        + "\"override_reason\":\"contract test\"}", "application/json", f.tokens.get(Role.ADMIN)).statusCode())
        .isEqualTo(200);
    HttpResponse<String> r = f.get("/api/v1/openapi.json");
    assertThat(r.statusCode()).isEqualTo(200);
    doc = Fixture.json(r);
    schemas = new SchemaCheck(doc);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static Set<String> documented() {
    Set<String> out = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      p.getValue().fieldNames().forEachRemaining(m -> {
        if (METHODS.contains(m)) {
          out.add(m.toUpperCase() + " " + p.getKey() + " " + p.getValue().get(m).path("x-assay-role").asText());
        }
      });
    }
    return out;
  }

  @Test
  void everyApiRouteIsDocumentedAndEveryDocumentedRouteExists() {
    Set<String> implemented = new HashSet<>();
    for (RouteTable.Route r : f.server.routes()) {
      if (r.path().startsWith("/api/v1/")) {
        implemented.add(r.method() + " " + r.path() + " " + r.role().wire());
      }
    }
    assertThat(implemented).as("implemented routes, with their roles").isNotEmpty()
        .containsExactlyInAnyOrderElementsOf(documented());
  }

  @Test
  void theDocumentIsValidOpenApi31WithNoDanglingReferences() {
    assertThat(doc.path("openapi").asText()).startsWith("3.1");
    List<String> problems = new ArrayList<>();
    doc.path("components").path("schemas").fields().forEachRemaining(e ->
        problems.addAll(schemas.check(e.getValue(), Json.MAPPER.nullNode()).stream()
            .filter(p -> p.contains("dangling") || p.contains("not checked")).toList()));
    assertThat(problems).isEmpty();
  }

  @Test
  void everyDocumentedGetAnswersWithItsDocumentedShape() {
    Map<String, String> params = Map.of("{run_id}", "cand-run", "{verdict_id}", "verdict-1", "{hash}",
        f.dataset.hash(), "{model}", "qa-bot", "{version}", "1");
    int checked = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      JsonNode get = p.getValue().get("get");
      if (get == null) {
        continue;
      }
      String path = p.getKey();
      for (Map.Entry<String, String> e : params.entrySet()) {
        path = path.replace(e.getKey(), e.getValue());
      }
      if (path.contains("/comparisons")) {
        path += "?baseline=base-run&candidate=cand-run&replicates=200";
      }
      HttpResponse<String> r;
      if (path.endsWith("/events")) {
        // a finished run: one event, then the stream ends
        r = f.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(f.base() + path))
            .header("Accept", "text/event-stream").header("Authorization", "Bearer " + f.tokens.get(Role.VIEWER))
            .build());
        assertThat(r.body()).as(path).contains("event: progress").contains("\"status\":\"completed\"");
      } else {
        r = f.get(path);
      }
      assertThat(r.statusCode()).as("%s: %s", path, r.body()).isEqualTo(200);
      JsonNode ok = get.path("responses").path("200").path("content");
      String type = ok.fieldNames().next();
      assertThat(r.headers().firstValue("Content-Type").orElse("")).as(path).startsWith(type);
      if (type.equals("application/json")) {
        List<String> problems = schemas.check(ok.path(type).path("schema"), Fixture.json(r));
        assertThat(problems).as("%s against its documented schema", path).isEmpty();
      }
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(21);
  }

  @Test
  void errorResponsesMatchTheProblemSchema() {
    JsonNode problem = doc.at("/components/schemas/Problem");
    for (String path : List.of("/api/v1/runs/nope", "/api/v1/runs/a%20b", "/api/v1/verdicts/nope",
        "/api/v1/datasets/" + "0".repeat(64), "/api/v1/runs?limit=-1")) {
      HttpResponse<String> r = f.get(path);
      assertThat(r.statusCode()).as(path).isBetween(400, 499);
      assertThat(schemas.check(problem, Fixture.json(r))).as(path).isEmpty();
    }
    HttpResponse<String> unauthorised = f.get("/api/v1/runs", null);
    assertThat(unauthorised.statusCode()).isEqualTo(401);
    assertThat(schemas.check(problem, Fixture.json(unauthorised))).isEmpty();
  }

  @Test
  void pushResponsesMatchTheirSchemas() throws Exception {
    String editor = f.tokens.get(Role.EDITOR);
    JsonNode header = Json.RECORDS.valueToTree(f.baseline);
    ((com.fasterxml.jackson.databind.node.ObjectNode) header).put("run_id", "pushed-run");
    HttpResponse<String> put = f.send("PUT", "/api/v1/runs/pushed-run", Json.write(header), "application/json", editor);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    assertThat(schemas.check(doc.at("/components/schemas/RunAck"), Fixture.json(put))).isEmpty();
    String chunk = Json.write(Json.object().set("results", Json.RECORDS.valueToTree(f.store.results("base-run"))));
    HttpResponse<String> post = f.send("POST", "/api/v1/runs/pushed-run/results", chunk, "application/json", editor);
    assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
    assertThat(schemas.check(doc.at("/components/schemas/ResultsAck"), Fixture.json(post))).isEmpty();
    assertThat(schemas.check(doc.at("/components/schemas/ResultChunk"), Json.MAPPER.readTree(chunk))).isEmpty();
    assertThat(schemas.check(doc.at("/components/schemas/RunHeader"), header)).isEmpty();
    JsonNode verdict = Json.RECORDS.valueToTree(f.store.verdict("verdict-1").orElseThrow());
    assertThat(schemas.check(doc.at("/components/schemas/Verdict"), verdict)).isEmpty();
    HttpResponse<String> again = f.send("POST", "/api/v1/verdicts", Json.write(verdict), "application/json", editor);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(schemas.check(doc.at("/components/schemas/VerdictSummary"), Fixture.json(again))).isEmpty();
    HttpResponse<String> token = f.send("POST", "/api/v1/tokens", "{\"name\":\"ci\",\"role\":\"viewer\"}",
        "application/json", f.tokens.get(Role.ADMIN));
    assertThat(token.statusCode()).isEqualTo(201);
    assertThat(schemas.check(doc.at("/components/schemas/TokenCreated"), Fixture.json(token))).isEmpty();
  }

  @Test
  void registryResponsesMatchTheirSchemas() throws Exception {
    String admin = f.tokens.get(Role.ADMIN);
    HttpResponse<String> version = f.send("POST", "/api/v1/models/other/versions",
        "{\"run_id\":\"base-run\",\"description\":\"d\",\"artifact_uri\":\"s3://x\"}", "application/json", admin);
    assertThat(version.statusCode()).as(version.body()).isEqualTo(201);
    assertThat(schemas.check(doc.at("/components/schemas/ModelVersion"), Fixture.json(version))).isEmpty();
    assertThat(schemas.check(doc.at("/components/schemas/VersionRequest"),
        Json.MAPPER.readTree("{\"run_id\":\"base-run\"}"))).isEmpty();
    HttpResponse<String> refused = f.send("POST", "/api/v1/models/other/promotions",
        "{\"version\":1,\"alias\":\"champion\"}", "application/json", admin);
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(Fixture.json(refused).path("moved").asBoolean()).isFalse();
    assertThat(schemas.check(doc.at("/components/schemas/Promotion"), Fixture.json(refused))).isEmpty();
    HttpResponse<String> moved = f.send("POST", "/api/v1/models/other/promotions",
        "{\"version\":1,\"alias\":\"champion\",\"override_reason\":\"r\"}", "application/json", admin);
    assertThat(Fixture.json(moved).path("moved").asBoolean()).isTrue();
    assertThat(schemas.check(doc.at("/components/schemas/Promotion"), Fixture.json(moved))).isEmpty();
    HttpResponse<String> noEarlier = f.send("POST", "/api/v1/models/other/rollbacks", "{\"alias\":\"champion\"}",
        "application/json", admin);
    assertThat(noEarlier.statusCode()).isEqualTo(400);
    assertThat(schemas.check(doc.at("/components/schemas/Problem"), Fixture.json(noEarlier))).isEmpty();
    f.send("POST", "/api/v1/models/other/versions", "{\"run_id\":\"v3-run\"}", "application/json", admin);
    f.send("POST", "/api/v1/models/other/promotions", "{\"version\":2,\"alias\":\"champion\","
        + "\"override_reason\":\"r\"}", "application/json", admin);
    HttpResponse<String> rollback = f.send("POST", "/api/v1/models/other/rollbacks",
        "{\"alias\":\"champion\",\"reason\":\"hold\"}", "application/json", admin);
    assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(200);
    assertThat(schemas.check(doc.at("/components/schemas/AliasMove"), Fixture.json(rollback))).isEmpty();
  }
}
