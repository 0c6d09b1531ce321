package dev.assay.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API over real HTTP against a real SQLite store (auth off, as on a laptop). */
class ApiTest {
  @TempDir static Path dir;
  static Fixture f;

  @BeforeAll
  static void start() {
    f = new Fixture(dir, AuthMode.NONE);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void healthAndVersion() {
    assertThat(Fixture.json(f.get("/api/v1/health")).path("status").asText()).isEqualTo("ok");
    JsonNode v = Fixture.json(f.get("/api/v1/version"));
    assertThat(v.path("api_version").asText()).isEqualTo("v1");
  }

  @Test
  void runsAreListedNewestFirstFilteredAndPagedByCursor() {
    JsonNode all = Fixture.json(f.get("/api/v1/runs"));
    assertThat(all.path("runs")).extracting(r -> r.path("run_id").asText())
        .containsExactly("live-run", "cand-run", "base-run");
    assertThat(all.path("next_cursor").isNull()).isTrue();
    JsonNode live = all.path("runs").get(0);
    assertThat(live.path("status").asText()).isEqualTo("running");
    assertThat(live.path("counts").path("ok").asLong() + live.path("counts").path("error").asLong()).isEqualTo(10);

    List<String> paged = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = Fixture.json(f.get("/api/v1/runs?limit=1&order=oldest" + (cursor == null ? "" : "&cursor=" + cursor)));
      page.path("runs").forEach(r -> paged.add(r.path("run_id").asText()));
      cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
    } while (cursor != null);
    assertThat(paged).containsExactly("base-run", "cand-run", "live-run");

    assertThat(Fixture.json(f.get("/api/v1/runs?system=baseline")).path("runs")).hasSize(1);
    assertThat(Fixture.json(f.get("/api/v1/runs?status=completed")).path("runs")).hasSize(2);
    assertThat(Fixture.json(f.get("/api/v1/runs?started_from=2026-01-10T10:01:00Z&started_before=2026-01-10T10:02:00Z"))
        .path("runs")).extracting(r -> r.path("run_id").asText()).containsExactly("cand-run");
  }

  @Test
  void oneRunWithItsStoredResults() {
    JsonNode d = Fixture.json(f.get("/api/v1/runs/live-run"));
    assertThat(d.path("run").path("run_id").asText()).isEqualTo("live-run");
    assertThat(d.path("results").path("stored").asLong()).isEqualTo(10);
    assertThat(d.path("results").path("expected").asLong()).isEqualTo(Fixture.EXAMPLES);
    assertThat(d.path("results").path("last").path("id").asText()).isEqualTo("q9");
  }

  @Test
  void examplesFilterByErrorTagTextAndFlipsAndPage() {
    JsonNode errors = Fixture.json(f.get("/api/v1/runs/base-run/examples?error=true&limit=100"));
    assertThat(errors.path("examples")).hasSize(6).allMatch(e -> !e.path("ok").asBoolean());
    JsonNode en = Fixture.json(f.get("/api/v1/runs/base-run/examples?tag=lang%3Den&limit=100"));
    assertThat(en.path("examples")).hasSize(30)
        .allMatch(e -> e.path("example").path("tags").path("lang").asText().equals("en"));
    JsonNode bread = Fixture.json(f.get("/api/v1/runs/base-run/examples?q=BREAD&limit=100"));
    assertThat(bread.path("examples")).extracting(e -> e.path("id").asText())
        .containsExactly("q0", "q7", "q14", "q21", "q28", "q35", "q42", "q49", "q56");
    JsonNode flipped = Fixture.json(f.get("/api/v1/runs/cand-run/examples?flipped_vs=base-run&limit=100"));
    var base = f.store.results("base-run");
    var cand = f.store.results("cand-run");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < cand.size(); i++) {
      Double b = base.get(i).value("exact_match");
      Double c = cand.get(i).value("exact_match");
      if (b != null && c != null && !b.equals(c)) {
        expected.add(cand.get(i).id());
      }
    }
    assertThat(expected).isNotEmpty();
    assertThat(flipped.path("examples")).extracting(e -> e.path("id").asText()).containsExactlyElementsOf(expected);

    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = Fixture.json(f.get("/api/v1/runs/base-run/examples?limit=7" + (cursor == null ? "" : "&cursor=" + cursor)));
      assertThat(page.path("examples").size()).isLessThanOrEqualTo(7);
      page.path("examples").forEach(e -> ids.add(e.path("id").asText()));
      cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
    } while (cursor != null);
    assertThat(ids).hasSize(Fixture.EXAMPLES).startsWith("q0", "q1", "q2").endsWith("q59");
  }

  @Test
  void comparisonsComeFromTheComparisonServiceWithTheSuitesGate() {
    HttpResponse<String> r = f.get("/api/v1/comparisons?baseline=base-run&candidate=cand-run&replicates=500");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode c = Fixture.json(r);
    assertThat(c.path("n").asInt()).isEqualTo(54);
    assertThat(c.path("comparisons")).extracting(x -> x.path("metric").asText()).contains("exact_match");
    assertThat(c.path("gate").path("verdict").asText()).isIn("PASS", "FAIL", "INCONCLUSIVE");
    assertThat(f.get("/api/v1/comparisons?baseline=base-run&candidate=cand-run&replicates=500").body())
        .isEqualTo(r.body());
    HttpResponse<String> report = f.get("/api/v1/comparisons/report?baseline=base-run&candidate=cand-run&replicates=500");
    assertThat(report.statusCode()).isEqualTo(200);
    assertThat(report.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
    assertThat(report.body()).startsWith("<!DOCTYPE html>").contains("<svg").doesNotContain(Fixture.XSS);
    HttpResponse<String> running = f.get("/api/v1/comparisons?baseline=base-run&candidate=live-run");
    assertThat(running.statusCode()).isEqualTo(400);
    assertThat(running.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
  }

  @Test
  void plansDatasetsAndDownload() throws Exception {
    assertThat(Fixture.json(f.get("/api/v1/plans")).path("plans")).hasSize(1);
    JsonNode ds = Fixture.json(f.get("/api/v1/datasets"));
    assertThat(ds.path("datasets").get(0).path("hash").asText()).isEqualTo(f.dataset.hash());
    assertThat(Fixture.json(f.get("/api/v1/datasets/" + f.dataset.hash())).path("size").asInt())
        .isEqualTo(Fixture.EXAMPLES);
    String jsonl = f.get("/api/v1/datasets/" + f.dataset.hash() + "/examples").body();
    assertThat(jsonl.split("\n")).hasSize(Fixture.EXAMPLES);
    List<dev.assay.core.Example> back = new ArrayList<>();
    for (String line : jsonl.split("\n")) {
      back.add(dev.assay.core.io.DatasetCodec.example(dev.assay.core.Json.MAPPER.readTree(line)));
    }
    assertThat(dev.assay.core.io.DatasetHasher.hash(back)).isEqualTo(f.dataset.hash());
    assertThat(jsonl.getBytes(StandardCharsets.UTF_8).length).isPositive();
  }

  @Test
  void errorsAreProblemsWithStableTypes() {
    HttpResponse<String> missing = f.get("/api/v1/runs/no-such-run");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(Fixture.json(missing).path("type").asText()).isEqualTo("urn:assay:problem:not-found");
    assertThat(Fixture.json(f.get("/api/v1/runs/..%2F..%2Fetc%2Fpasswd")).path("type").asText())
        .isIn("urn:assay:problem:invalid-id", "urn:assay:problem:not-found");
    assertThat(Fixture.json(f.get("/api/v1/runs?cursor=garbage!")).path("type").asText())
        .isEqualTo("urn:assay:problem:invalid-cursor");
    assertThat(Fixture.json(f.get("/api/v1/runs?limit=0")).path("type").asText())
        .isEqualTo("urn:assay:problem:invalid-request");
    assertThat(Fixture.json(f.get("/api/v1/nothing-here")).path("type").asText())
        .isEqualTo("urn:assay:problem:not-found");
    HttpResponse<String> method = f.send("PATCH", "/api/v1/runs", "{}", "application/json", null);
    assertThat(method.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
  }
}
