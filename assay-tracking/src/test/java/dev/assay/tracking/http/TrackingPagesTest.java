package dev.assay.tracking.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.server.AuthMode;
import dev.assay.server.Role;
import dev.assay.server.RouteTable;
import dev.assay.tracking.sql.SqliteTrackingStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tracking pages beside the evaluation runs, over data an MLflow client logged through the REST
 * routes with auth on: the values appear, hostile names are escaped, the metric history is plotted,
 * unknown ids are 404 problems, a viewer reads and a caller without a token is refused (sent to
 * sign in; a bad token is 401).
 */
class TrackingPagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String HOSTILE_EXPERIMENT = "<img src=x onerror=alert(1)> exp";
  static final String HOSTILE_RUN = "<b>bold</b> run";
  static final String HOSTILE_PARAM = "<script>alert('p')</script>";

  @TempDir static Path dir;
  static SqliteTrackingStore store;
  static MlflowTestServer server;
  static String experimentId;
  static String runId;

  @BeforeAll
  static void logLikeAnMlflowClient() throws Exception {
    store = SqliteTrackingStore.open(dir.resolve("tracking.db"));
    server = new MlflowTestServer(store, dir, AuthMode.TOKENS);
    experimentId = post("/experiments/create", JSON.createObjectNode().put("name", HOSTILE_EXPERIMENT))
        .get("experiment_id").textValue();
    runId = post("/runs/create", JSON.createObjectNode().put("experiment_id", experimentId).put("run_name", HOSTILE_RUN)
        .put("start_time", 1_700_000_000_000L)).at("/run/info/run_id").textValue();
    post("/runs/create", JSON.createObjectNode().put("experiment_id", experimentId).put("run_name", "second"));
    String batch = "{\"run_id\":\"" + runId + "\",\"params\":[{\"key\":\"lr\",\"value\":\"0.0125\"},"
        + "{\"key\":\"payload\",\"value\":" + JSON.writeValueAsString(HOSTILE_PARAM) + "}],"
        + "\"tags\":[{\"key\":\"team\",\"value\":\"<i>eval</i>\"},{\"key\":\"mlflow.user\",\"value\":\"ada\"}],\"metrics\":["
        + "{\"key\":\"loss\",\"value\":0.9,\"timestamp\":1700000001000,\"step\":0},"
        + "{\"key\":\"loss\",\"value\":0.5,\"timestamp\":1700000002000,\"step\":1},"
        + "{\"key\":\"loss\",\"value\":0.375,\"timestamp\":1700000003000,\"step\":2},"
        + "{\"key\":\"accuracy\",\"value\":0.8125,\"timestamp\":1700000003000,\"step\":2}]}";
    send("POST", "/api/2.0/mlflow/runs/log-batch", batch, server.token(Role.EDITOR));
  }

  @AfterAll
  static void stop() {
    server.close();
    store.close();
  }

  /** More runs than a page lists: the count is the store's count, not "more than" a page of them. */
  @Test
  void theExperimentsPageCountsEveryRun() throws Exception {
    dev.assay.tracking.Experiment big = store.createExperiment("big", null, java.util.List.of(), 1);
    int n = TrackingPages.LIST_LIMIT + 3;
    for (int i = 0; i < n; i++) {
      store.createRun(new dev.assay.tracking.RunInfo(String.format("%032x", 0xB16000 + i), big.id(), "r" + i, "ada",
          dev.assay.tracking.RunStatus.FINISHED, i, (long) i + 1, null, dev.assay.tracking.LifecycleStage.ACTIVE),
          java.util.List.of());
    }
    store.setRunStage(String.format("%032x", 0xB16000), dev.assay.tracking.LifecycleStage.DELETED, n);
    String html = page("/experiments", Role.VIEWER);
    Matcher row = Pattern.compile("<a href=\"/experiments/" + big.id() + "\">big</a></td><td class=\"n\">([^<]+)</td>")
        .matcher(html);
    assertThat(row.find()).as(html).isTrue();
    assertThat(row.group(1)).isEqualTo(String.valueOf(n - 1));
  }

  @Test
  void theExperimentsPageListsExperimentsWithRunCountsAndIsInTheNavigation() throws Exception {
    String html = page("/experiments", Role.VIEWER);
    assertThat(html).contains("<a href=\"/experiments\" class=\"active\">Experiments</a>");
    assertThat(html.indexOf(">Runs</a>")).isLessThan(html.indexOf(">Experiments</a>"));
    assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt; exp").doesNotContain("<img src=x");
    Matcher row = Pattern.compile("<a href=\"/experiments/" + experimentId + "\">[^<]*</a></td><td class=\"n\">(\\d+)</td>")
        .matcher(html);
    assertThat(row.find()).as(html).isTrue();
    assertThat(row.group(1)).isEqualTo("2");
    // the evaluation runs' pages link the experiments too
    assertThat(page("/", Role.VIEWER)).contains("<a href=\"/experiments\">Experiments</a>");
  }

  @Test
  void anExperimentsPageListsItsRunsWithStatusAndLatestMetrics() throws Exception {
    String html = page("/experiments/" + experimentId, Role.VIEWER);
    assertThat(html).contains("&lt;b&gt;bold&lt;/b&gt; run", "second", "accuracy 0.8125, loss 0.375",
        "/experiments/" + experimentId + "/runs/" + runId, "<span class=\"status running\">running</span>", "<td>ada</td>")
        .doesNotContain("<b>bold</b>");
  }

  @Test
  void aRunsPageShowsParamsTagsMetricsAndPlotsEachHistory() throws Exception {
    String html = page("/experiments/" + experimentId + "/runs/" + runId, Role.VIEWER);
    assertThat(html).contains("<th>lr</th><td>0.0125</td>", "&lt;script&gt;alert(&#39;p&#39;)&lt;/script&gt;",
        "&lt;i&gt;eval&lt;/i&gt;", runId).doesNotContain("<script>alert", "<i>eval");
    assertThat(html).containsPattern("<td><a href=\"#metric-loss\">loss</a></td><td class=\"n\">0.375</td><td class=\"n\">2</td>");
    // one plot per metric; loss's line has its three logged values
    assertThat(html).contains("id=\"metric-loss\"", "id=\"metric-accuracy\"");
    String loss = html.substring(html.indexOf("id=\"metric-loss\""));
    loss = loss.substring(0, loss.indexOf("</figure>"));
    Matcher line = Pattern.compile("<polyline points=\"([^\"]+)\"").matcher(loss);
    assertThat(line.find()).isTrue();
    assertThat(line.group(1).split(" ")).hasSize(3);
    assertThat(loss).contains("3 values", ">step<");
  }

  @Test
  void unknownOrMalformedIdsAre404Problems() throws Exception {
    for (String path : new String[] {"/experiments/" + experimentId + "/runs/" + "0".repeat(32),
        "/experiments/" + experimentId + "/runs/not-a-run", "/experiments/99999", "/experiments/x",
        "/experiments/0/runs/" + runId}) {
      HttpResponse<String> resp = get(path, server.token(Role.VIEWER), "application/json");
      assertThat(resp.statusCode()).as(path).isEqualTo(404);
      assertThat(resp.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
      assertThat(JSON.readTree(resp.body()).path("type").asText()).isEqualTo("urn:assay:problem:not-found");
    }
    HttpResponse<String> page = get("/experiments/" + experimentId + "/runs/" + "0".repeat(32), server.token(Role.VIEWER),
        "text/html");
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("no tracking run");
  }

  @Test
  void everyPageIsAViewerReadAndRefusedWithoutAToken() throws Exception {
    int walked = 0;
    for (RouteTable.Route r : server.server().routes()) {
      if (!r.path().startsWith(TrackingPages.NAV)) {
        continue;
      }
      assertThat(r).as("read-only, for viewers").isEqualTo(new RouteTable.Route("GET", r.path(), Role.VIEWER));
      String path = r.path().replace("{experiment_id}", experimentId).replace("{run_id}", runId);
      // a browser without a session is sent to sign in, as on every other page; a bad token is refused
      HttpResponse<String> anonymous = get(path, null, "text/html");
      assertThat(anonymous.statusCode()).as(path).isEqualTo(302);
      assertThat(anonymous.headers().firstValue("Location").orElse("")).startsWith("/login?next=");
      assertThat(anonymous.body()).doesNotContain("bold", "0.375");
      assertThat(get(path, "assay_0123456789ab_" + "A".repeat(43), "application/json").statusCode()).as(path)
          .isEqualTo(401);
      assertThat(get(path, server.token(Role.VIEWER), "text/html").statusCode()).as(path).isEqualTo(200);
      walked++;
    }
    assertThat(walked).isEqualTo(3);
  }

  private static String page(String path, Role role) throws Exception {
    HttpResponse<String> resp = get(path, server.token(role), "text/html");
    assertThat(resp.statusCode()).as(path + ": " + resp.body()).isEqualTo(200);
    assertThat(resp.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
    return resp.body();
  }

  private static JsonNode post(String path, JsonNode body) throws Exception {
    return JSON.readTree(send("POST", "/api/2.0/mlflow" + path, JSON.writeValueAsString(body), server.token(Role.EDITOR)));
  }

  private static String send(String method, String path, String body, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> resp = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(resp.statusCode()).as(path + ": " + resp.body()).isEqualTo(200);
    return resp.body();
  }

  private static HttpResponse<String> get(String path, String token, String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).header("Accept", accept).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
