package dev.assay.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.core.Verdict;
import dev.assay.core.VerdictRecord;
import dev.assay.core.ExampleResult;
import dev.assay.core.ResultStats;
import dev.assay.core.Store;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Consumer;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the pages show a reader, checked in the served HTML (the browser test drives them). */
class UiPagesTest {
  @TempDir Path dir;

  @Test
  void theSignInPageOffersNoNavigationThatWouldOnlyLeadBackToIt() {
    try (Fixture f = new Fixture(dir, AuthMode.TOKENS)) {
      HttpResponse<String> r = f.get("/login");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("id=\"sign-in\"").doesNotContain("href=\"/compare\"")
          .doesNotContain("href=\"/verdicts\"");
    }
  }

  @Test
  void aMountedGroupAddsFramedPagesAndANavigationLinkAfterRuns() {
    try (Fixture f = new Fixture(dir, AuthMode.NONE, b -> b.mount((routes, server) -> {
      server.addNav("/extra", "Extra <pages>");
      routes.get("/extra", Role.VIEWER, ctx -> server.page(ctx, "Extra <title>", "/extra", "<p id=\"body\">hi</p>"));
    }))) {
      String page = f.get("/extra").body();
      assertThat(page).contains("<title>Extra &lt;title&gt; · assay</title>", "<p id=\"body\">hi</p>",
          "<a href=\"/\">Runs</a><a href=\"/extra\" class=\"active\">Extra &lt;pages&gt;</a><a href=\"/compare\">",
          "/static/assay.css");
      // every built-in page links it too
      assertThat(f.get("/verdicts").body()).contains("<a href=\"/extra\">Extra &lt;pages&gt;</a>");
    }
  }

  @Test
  void verdictTimesReadToTheSecondAndRuleOutcomesAreBadges() {
    try (Fixture f = new Fixture(dir, AuthMode.NONE)) {
      ObjectNode detail = Json.object();
      detail.putArray("rules").addObject().put("rule", "non_inferiority").put("metric", "exact_match")
          .put("outcome", "INCONCLUSIVE").put("reason", "95% interval [-0.2, +0.1] crosses -0.1");
      f.store.saveVerdict(new VerdictRecord("verdict-1", Instant.parse("2026-01-10T11:00:00.123456789Z"),
          Verdict.INCONCLUSIVE, "qa", "baseline", "candidate", "base-run", "cand-run", "base-run", "cand-run",
          "ee".repeat(32), f.dataset.hash(), "no_plan", null, "0.1.0", detail));
      String page = f.get("/verdicts/verdict-1").body();
      assertThat(page).contains("2026-01-10 11:00:00 UTC").doesNotContain("123456789")
          .contains("<td><span class=\"verdict INCONCLUSIVE\">INCONCLUSIVE</span></td>");
      assertThat(f.get("/verdicts").body()).contains("2026-01-10 11:00:00 UTC");
    }
  }

  @Test
  void aComparisonsReasonsReadAsProseAndItsIntervalsAsNumbers() {
    try (Fixture f = new Fixture(dir, AuthMode.NONE)) {
      String page = f.get("/compare?baseline=base-run&candidate=cand-run").body();
      assertThat(page).contains("% interval [");
      // a reason starts with "95% interval ...": right-aligned it was hard to read
      assertThat(page).doesNotContainPattern("<td class=\"n\">[0-9.]+% interval \\[[^<]*[a-z]{4}");
      assertThat(page).containsPattern("<td>[0-9.]+% interval \\[[^<]*[a-z]{4}");
      assertThat(page).containsPattern("<td class=\"n\">\\[[-+0-9.e]+, [-+0-9.e]+\\]</td>");
    }
  }

  @Test
  void viewingAFinishedRunAgainReadsOnlyItsPageOfExamples() throws Exception {
    try (Fixture f = new Fixture(dir, AuthMode.NONE)) {
      long[] rows = {0};
      Store counting = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
          (proxy, m, args) -> {
            if (m.getName().equals("forEachResult")) {
              @SuppressWarnings("unchecked")
              Consumer<ExampleResult> c = (Consumer<ExampleResult>) args[1];
              args = new Object[] {args[0], (Consumer<ExampleResult>) r -> {
                rows[0]++;
                c.accept(r);
              }};
            }
            Object out;
            try {
              out = m.invoke(f.store, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
            if (out instanceof ResultStats st) {
              rows[0] += st.stored(); // counting a run's results reads each of them
            } else if (out instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof ExampleResult) {
              rows[0] += list.size();
            }
            return out;
          });
      try (AssayServer server = AssayServer.builder(counting, ServerConfig.defaults(AuthMode.NONE).withPort(0)).build()
          .start()) {
        HttpClient http = HttpClient.newHttpClient();
        URI page = URI.create("http://127.0.0.1:" + server.port() + "/runs/cand-run?limit=10");
        assertThat(http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString()).body())
            .contains("id=\"examples-table\"").contains("id=\"live-stored\">60</span> of 60 results").contains("id=\"live-ok\">54</span>");
        rows[0] = 0;
        // the report sections are cached; what is left must not grow with the run
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(rows[0]).as("result rows read by a second view of a 60-result run, 10 per page").isLessThanOrEqualTo(10);
      }
    }
  }
}
