package dev.assay.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import dev.assay.core.Verdict;
import dev.assay.core.VerdictRecord;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry, audit log and scorecard over the REST API with tokens (docs/registry.md "On the
 * server"): who may do what, promotion refused without evidence and overridden by an admin only,
 * every change recorded in the caller's name (token made and revoked too), the log verified and
 * then caught after a row was edited behind the server's back.
 */
class RegistryApiTest {
  @TempDir Path dir;

  private static String body(Object... kv) {
    var o = Json.object();
    for (int i = 0; i < kv.length; i += 2) {
      o.set((String) kv[i], Json.MAPPER.valueToTree(kv[i + 1]));
    }
    return Json.write(o);
  }

  private static HttpResponse<String> post(Fixture f, String path, String json, Role role) {
    return f.send("POST", path, json, "application/json", f.tokens.get(role));
  }

  @Test
  void viewersReadEditorsRegisterAndPromoteOnlyAdminsOverride() {
    try (Fixture f = new Fixture(dir, AuthMode.TOKENS)) {
      f.seedSystemRun("v2-run", "v2.jsonl", Instant.parse("2026-01-10T10:05:00Z"));
      // ---- registering needs an editor; the version is the run's system ----
      HttpResponse<String> asViewer = post(f, "/api/v1/models/qa-bot/versions", body("run_id", "base-run"), Role.VIEWER);
      assertThat(asViewer.statusCode()).as(asViewer.body()).isEqualTo(403);
      assertThat(Fixture.json(asViewer).path("type").asText()).isEqualTo("urn:assay:problem:forbidden");
      HttpResponse<String> v1 = post(f, "/api/v1/models/qa-bot/versions", body("run_id", "base-run", "description",
          Fixture.XSS), Role.EDITOR);
      assertThat(v1.statusCode()).as(v1.body()).isEqualTo(201);
      assertThat(Fixture.json(v1).path("version").asInt()).isEqualTo(1);
      assertThat(Fixture.json(v1).path("registered_by").asText()).isEqualTo("token:editor-token");
      assertThat(Fixture.json(v1).path("runs").asInt()).as("base-run, and cand-run and live-run of the same spec")
          .isEqualTo(3);
      assertThat(post(f, "/api/v1/models/qa-bot/versions", body("run_id", "v2-run"), Role.EDITOR).statusCode())
          .isEqualTo(201);
      HttpResponse<String> again = post(f, "/api/v1/models/qa-bot/versions", body("run_id", "cand-run"), Role.EDITOR);
      assertThat(again.statusCode()).as("the same system twice").isEqualTo(400);
      assertThat(again.body()).as("cand-run's system is base-run's under another name")
          .contains("version 1 of model 'qa-bot' is this system already");
      assertThat(post(f, "/api/v1/models/qa-bot/versions", body("run_id", "no-such-run"), Role.EDITOR).statusCode())
          .isEqualTo(404);
      assertThat(post(f, "/api/v1/models/bad%20name/versions", body("run_id", "base-run"), Role.EDITOR).statusCode())
          .isEqualTo(400);

      // ---- viewers read ----
      JsonNode list = Fixture.json(f.get("/api/v1/models", f.tokens.get(Role.VIEWER)));
      assertThat(list.path("models")).extracting(m -> m.path("name").asText()).containsExactly("qa-bot");
      assertThat(list.path("models").get(0).path("versions").asInt()).isEqualTo(2);
      JsonNode model = Fixture.json(f.get("/api/v1/models/qa-bot", f.tokens.get(Role.VIEWER)));
      assertThat(model.path("versions")).extracting(v -> v.path("runs").asInt()).as("base-run, cand-run and live-run; v2-run")
          .containsExactly(3, 1);
      assertThat(model.path("policy").isNull()).isTrue();
      assertThat(f.get("/api/v1/models/nobody").statusCode()).isEqualTo(404);
      assertThat(f.get("/api/v1/models/qa-bot/versions/3").statusCode()).isEqualTo(404);
      assertThat(f.get("/api/v1/models/qa-bot/versions/x").statusCode()).isEqualTo(400);

      // ---- no evidence, no promotion: 200 with the reason; an editor may not override ----
      HttpResponse<String> refused = post(f, "/api/v1/models/qa-bot/promotions", body("version", 2, "alias",
          "champion"), Role.EDITOR);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(200);
      assertThat(Fixture.json(refused).path("moved").asBoolean()).isFalse();
      assertThat(Fixture.json(refused).path("unmet").get(0).asText()).contains("no promotion policy");
      assertThat(post(f, "/api/v1/models/qa-bot/promotions", body("version", 2, "alias", "champion"), Role.VIEWER)
          .statusCode()).isEqualTo(403);
      HttpResponse<String> editorOverride = post(f, "/api/v1/models/qa-bot/promotions", body("version", 2, "alias",
          "champion", "override_reason", "launch today"), Role.EDITOR);
      assertThat(editorOverride.statusCode()).as(editorOverride.body()).isEqualTo(403);
      assertThat(editorOverride.body()).contains("only an admin may override");
      assertThat(Fixture.json(f.get("/api/v1/models/qa-bot/aliases")).path("aliases").size()).isZero();

      // ---- an admin overrides, recorded with the reason; a rollback unwinds ----
      assertThat(post(f, "/api/v1/models/qa-bot/promotions", body("version", 1, "alias", "champion",
          "override_reason", "the incumbent"), Role.ADMIN).statusCode()).isEqualTo(200);
      HttpResponse<String> moved = post(f, "/api/v1/models/qa-bot/promotions", body("version", 2, "alias", "champion",
          "override_reason", "launch <b>today</b>"), Role.ADMIN);
      JsonNode m = Fixture.json(moved);
      assertThat(m.path("moved").asBoolean()).as(moved.body()).isTrue();
      assertThat(m.path("move").path("kind").asText()).isEqualTo("override");
      assertThat(m.path("move").path("actor").asText()).isEqualTo("token:admin-token");
      HttpResponse<String> rollback = post(f, "/api/v1/models/qa-bot/rollbacks", body("alias", "champion", "reason",
          "hold"), Role.EDITOR);
      assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(200);
      assertThat(Fixture.json(f.get("/api/v1/models/qa-bot/aliases")).path("aliases").path("champion").asInt())
          .isEqualTo(1);
      JsonNode history = Fixture.json(f.get("/api/v1/models/qa-bot/history?alias=champion")).path("moves");
      assertThat(history).extracting(h -> h.path("kind").asText()).containsExactly("override", "override", "rollback");
      assertThat(history.get(1).path("reason").asText()).isEqualTo("launch <b>today</b>");
      assertThat(history.get(2).path("actor").asText()).isEqualTo("token:editor-token");

      // ---- every change is in the audit log under the caller's token, tokens included ----
      HttpResponse<String> made = post(f, "/api/v1/tokens", body("name", "ci", "role", "editor"), Role.ADMIN);
      String id = Fixture.json(made).path("id").asText();
      assertThat(f.send("DELETE", "/api/v1/tokens/" + id, null, null, f.tokens.get(Role.ADMIN)).statusCode())
          .isEqualTo(204);
      JsonNode tokenEntries = Fixture.json(f.get("/api/v1/audit?subject=token:" + id, f.tokens.get(Role.VIEWER)))
          .path("entries");
      assertThat(tokenEntries).extracting(e -> e.path("action").asText()).containsExactly("token.created",
          "token.revoked");
      assertThat(tokenEntries).extracting(e -> e.path("actor").asText()).containsOnly("token:admin-token");
      assertThat(tokenEntries.toString()).doesNotContain(Fixture.json(made).path("token").asText());
      JsonNode aliasEntries = Fixture.json(f.get("/api/v1/audit?subject=alias:qa-bot/champion")).path("entries");
      assertThat(aliasEntries).extracting(e -> e.path("action").asText()).containsExactly("alias.override",
          "alias.override", "alias.rollback");
      JsonNode pushed = Fixture.json(f.get("/api/v1/audit?subject=version:qa-bot@1")).path("entries");
      assertThat(pushed.get(0).path("actor").asText()).isEqualTo("token:editor-token");
      assertThat(f.get("/api/v1/audit?since=yesterday").statusCode()).isEqualTo(400);
      assertThat(Fixture.json(f.get("/api/v1/audit?limit=2")).path("entries")).hasSize(2);

      // ---- verify passes; the scorecard counts the overrides ----
      JsonNode verified = Fixture.json(f.get("/api/v1/audit/verify", f.tokens.get(Role.VIEWER)));
      assertThat(verified.path("ok").asBoolean()).as(verified.toString()).isTrue();
      JsonNode card = Fixture.json(f.get("/api/v1/scorecard?model=qa-bot&since=3650d", f.tokens.get(Role.VIEWER)));
      assertThat(card.path("model").asText()).isEqualTo("qa-bot");
      assertThat(card.toString()).contains("\"id\":\"overrides\"");
      assertThat(f.get("/api/v1/scorecard?model=nobody").statusCode()).isEqualTo(404);
      assertThat(f.get("/api/v1/scorecard?since=soon").statusCode()).isEqualTo(400);
    }
  }

  /** A verdict edited in the SQLite file behind the server's back: verify names the entry that stored it. */
  @Test
  void verifyCatchesAVerdictEditedInTheDatabase() throws Exception {
    try (Fixture f = new Fixture(dir, AuthMode.TOKENS)) {
      VerdictRecord v = new VerdictRecord("verdict-1", Instant.parse("2026-01-10T11:00:00Z"), Verdict.PASS, "qa",
          "baseline", "candidate", "base-run", "cand-run", "base-run", "cand-run", "ee".repeat(32), f.dataset.hash(),
          "no_plan", null, "0.1.0", Json.object().put("verdict", "PASS"));
      HttpResponse<String> stored = post(f, "/api/v1/verdicts", Json.write(Json.RECORDS.valueToTree(v)), Role.EDITOR);
      assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
      JsonNode entry = Fixture.json(f.get("/api/v1/audit?subject=verdict:verdict-1")).path("entries").get(0);
      assertThat(entry.path("action").asText()).isEqualTo("verdict.stored");
      assertThat(entry.path("actor").asText()).isEqualTo("token:editor-token");
      assertThat(Fixture.json(f.get("/api/v1/audit/verify")).path("ok").asBoolean()).isTrue();
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("assay.db"));
          Statement s = c.createStatement()) {
        s.execute("UPDATE verdicts SET verdict = 'FAIL', body = json_set(body, '$.verdict', 'FAIL') "
            + "WHERE verdict_id = 'verdict-1'");
      }
      JsonNode report = Fixture.json(f.get("/api/v1/audit/verify"));
      assertThat(report.path("ok").asBoolean()).isFalse();
      assertThat(report.path("first_mismatch").asLong()).isEqualTo(entry.path("seq").asLong());
      assertThat(report.path("findings")).extracting(x -> x.path("subject").asText()).contains("verdict:verdict-1");
      String page = f.get("/audit").body();
      assertThat(page).contains("Does NOT verify: first mismatch at entry " + entry.path("seq").asLong());
    }
  }

  /** The pages escape what users wrote (a model's description, an override's reason) and need a viewer. */
  @Test
  void pagesShowModelsAuditAndScorecardEscaped() {
    try (Fixture f = new Fixture(dir, AuthMode.TOKENS)) {
      post(f, "/api/v1/models/qa-bot/versions", body("run_id", "base-run", "description", Fixture.XSS), Role.EDITOR);
      post(f, "/api/v1/models/qa-bot/promotions", body("version", 1, "alias", "champion", "override_reason",
          "<img src=x onerror=alert(1)>"), Role.ADMIN);
      String viewer = f.tokens.get(Role.VIEWER);
      for (String path : List.of("/models", "/models/qa-bot", "/audit", "/scorecard", "/scorecard?model=qa-bot")) {
        HttpResponse<String> r = f.get(path, viewer);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
        assertThat(r.body()).as(path).doesNotContain("<script>window", "<img src=x");
      }
      String model = f.get("/models/qa-bot", viewer).body();
      assertThat(model).contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;",
          "token:admin-token", "champion");
      assertThat(f.get("/audit", viewer).body()).contains("Verified", "alias.override");
      assertThat(f.get("/models", null).statusCode()).as("a page needs a sign-in").isIn(302, 303, 401);
    }
  }

  /**
   * The verdict check over the API: with a policy requiring the suite's gate to PASS against the
   * holder, a FAIL verdict leaves the alias where it is, a later PASS verdict moves it as a
   * promotion citing that verdict. The suite is a file on the server's host, as the policy names it.
   */
  @Test
  void promotionFollowsTheStoredVerdictsOfThePolicysSuite() throws Exception {
    try (Fixture f = new Fixture(dir, AuthMode.TOKENS)) {
      java.nio.file.Files.writeString(dir.resolve("data.jsonl"), "{\"id\":\"q0\",\"input\":\"x\",\"reference\":\"y\"}\n");
      java.nio.file.Files.writeString(dir.resolve("suite.yaml"), """
          name: qa
          dataset:
            path: data.jsonl
          metrics: [exact_match]
          systems:
            baseline: {type: predictions, path: base.jsonl}
            candidate: {type: predictions, path: v2.jsonl}
          gate:
            confidence: 0.95
            rules:
              - {rule: non_inferiority, metric: exact_match, margin: 0.1}
          """);
      java.nio.file.Files.writeString(dir.resolve("policy.yaml"), """
          aliases: [champion]
          require:
            - suite: suite.yaml
          freshness:
            runs_after_registration: false
          """);
      dev.assay.core.Suite suite = new dev.assay.core.io.SuiteLoader(dev.assay.core.Plugins.installed())
          .load(dir.resolve("suite.yaml"));
      String gate = dev.assay.gate.GateLoader.fromSuite(suite).orElseThrow().hash();
      String data = dev.assay.core.io.DatasetLoader.load(suite.dataset()).hash();
      f.seedSystemRun("v2-run", "v2.jsonl", Instant.parse("2026-01-10T10:05:00Z"));
      assertThat(post(f, "/api/v1/models/qa-bot/versions", body("run_id", "base-run"), Role.EDITOR).statusCode())
          .isEqualTo(201);
      assertThat(post(f, "/api/v1/models/qa-bot/versions", body("run_id", "v2-run"), Role.EDITOR).statusCode())
          .isEqualTo(201);
      var audited = (dev.assay.registry.audit.AuditedStore) f.store;
      new dev.assay.registry.ModelRegistry(audited, audited, dev.assay.registry.CurrentSuite.files(
          dev.assay.core.Plugins.installed()), java.time.Clock.systemUTC(), new dev.assay.registry.Actor("local:lead",
          true)).setPolicy("qa-bot", dir.resolve("policy.yaml"));
      assertThat(post(f, "/api/v1/models/qa-bot/promotions", body("version", 1, "alias", "champion", "override_reason",
          "incumbent"), Role.ADMIN).statusCode()).isEqualTo(200);

      verdict(f, "v-fail", Verdict.FAIL, gate, data, "2026-01-10T11:00:00Z");
      JsonNode onFail = Fixture.json(post(f, "/api/v1/models/qa-bot/promotions", body("version", 2, "alias",
          "champion"), Role.EDITOR));
      assertThat(onFail.path("moved").asBoolean()).as(onFail.toString()).isFalse();
      assertThat(onFail.path("unmet").get(0).asText()).contains("v-fail, is FAIL");

      verdict(f, "v-pass", Verdict.PASS, gate, data, "2026-01-10T12:00:00Z");
      JsonNode onPass = Fixture.json(post(f, "/api/v1/models/qa-bot/promotions", body("version", 2, "alias",
          "champion"), Role.EDITOR));
      assertThat(onPass.path("moved").asBoolean()).as(onPass.toString()).isTrue();
      assertThat(onPass.path("move").path("kind").asText()).isEqualTo("promotion");
      assertThat(onPass.path("move").path("evidence")).extracting(JsonNode::asText).containsExactly("v-pass");
      assertThat(onPass.path("move").path("actor").asText()).isEqualTo("token:editor-token");
      assertThat(Fixture.json(f.get("/api/v1/models/qa-bot/aliases")).path("aliases").path("champion").asInt())
          .isEqualTo(2);
      assertThat(Fixture.json(f.get("/api/v1/audit/verify")).path("ok").asBoolean()).isTrue();
    }
  }

  private static void verdict(Fixture f, String id, Verdict verdict, String gateHash, String datasetHash, String at) {
    VerdictRecord v = new VerdictRecord(id, Instant.parse(at), verdict, "qa", "baseline", "candidate", "base-run",
        "v2-run", "base-run", "v2-run", gateHash, datasetHash, "no_plan", null, "0.1.0",
        Json.object().put("verdict", verdict.name()));
    HttpResponse<String> r = post(f, "/api/v1/verdicts", Json.write(Json.RECORDS.valueToTree(v)), Role.EDITOR);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }
}
