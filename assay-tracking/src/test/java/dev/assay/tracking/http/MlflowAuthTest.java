package dev.assay.tracking.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.server.AuthMode;
import dev.assay.server.Role;
import dev.assay.server.RouteTable;
import dev.assay.tracking.MlflowService.Endpoint;
import dev.assay.tracking.Search;
import dev.assay.tracking.ViewType;
import dev.assay.tracking.sql.SqliteTrackingStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MLflow routes mounted on the team server with auth on: they are in the server's route table
 * with the role each needs, every one refuses a caller without a token, viewers read and search,
 * editors log, and every refusal by the server comes back in MLflow's error shape.
 */
class MlflowAuthTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static SqliteTrackingStore store;
  static MlflowTestServer server;

  @BeforeAll
  static void start() {
    store = SqliteTrackingStore.open(dir.resolve("tracking.db"));
    server = new MlflowTestServer(store, dir, AuthMode.TOKENS);
  }

  @AfterAll
  static void stop() {
    server.close();
    store.close();
  }

  @Test
  void everyEndpointIsInTheServersRouteTableWithItsRole() {
    List<RouteTable.Route> mlflow = server.server().routes().stream()
        .filter(r -> r.path().startsWith(Endpoint.PREFIX + "/")).toList();
    for (Endpoint e : Endpoint.values()) {
      assertThat(mlflow).as(e.name()).contains(new RouteTable.Route(e.method(), Endpoint.PREFIX + e.path(),
          e.writes() ? Role.EDITOR : Role.VIEWER));
    }
    assertThat(mlflow.stream().filter(r -> r.role() == Role.VIEWER).map(r -> r.path().substring(Endpoint.PREFIX.length())))
        .as("searches are reads, though sent as POST").contains("/runs/search", "/experiments/search");
    assertThat(mlflow).as("no MLflow route is public").noneMatch(r -> r.role() == Role.PUBLIC);
  }

  @Test
  void everyRouteRefusesACallerWithoutATokenInMlflowsShape() throws Exception {
    int walked = 0;
    for (RouteTable.Route r : server.server().routes()) {
      if (!r.path().startsWith(Endpoint.PREFIX + "/")) {
        continue;
      }
      String path = r.path().replace("<path>", "anything/else");
      for (String token : new String[] {null, "assay_0123456789ab_" + "A".repeat(43)}) {
        HttpResponse<String> resp = send(r.method(), path, "{}", token);
        assertThat(resp.statusCode()).as("%s %s with %s: %s", r.method(), path, token, resp.body()).isEqualTo(401);
        assertThat(JSON.readTree(resp.body()).path("error_code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(resp.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
      }
      walked++;
    }
    assertThat(walked).isEqualTo(Endpoint.values().length + 5);
  }

  @Test
  void viewersReadAndSearchEditorsLog() throws Exception {
    String viewer = server.token(Role.VIEWER);
    String editor = server.token(Role.EDITOR);
    HttpResponse<String> refused = send("POST", Endpoint.PREFIX + "/runs/create", "{\"experiment_id\":\"0\"}", viewer);
    assertThat(refused.statusCode()).isEqualTo(403);
    JsonNode error = JSON.readTree(refused.body());
    assertThat(error.path("error_code").asText()).isEqualTo("PERMISSION_DENIED");
    assertThat(error.path("message").asText()).contains("editor role");
    assertThat(store.searchRuns(new Search.RunQuery(List.of("0"), List.of(), ViewType.ALL, List.of(), 0, 10)))
        .as("nothing was created").isEmpty();

    HttpResponse<String> created = send("POST", Endpoint.PREFIX + "/runs/create", "{\"experiment_id\":\"0\"}", editor);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    String runId = JSON.readTree(created.body()).at("/run/info/run_id").asText();
    assertThat(send("POST", Endpoint.PREFIX + "/runs/log-metric", "{\"run_id\":\"" + runId
        + "\",\"key\":\"loss\",\"value\":0.5,\"timestamp\":1,\"step\":0}", editor).statusCode()).isEqualTo(200);

    assertThat(send("GET", Endpoint.PREFIX + "/runs/get?run_id=" + runId, null, viewer).statusCode()).isEqualTo(200);
    HttpResponse<String> search = send("POST", Endpoint.PREFIX + "/runs/search", "{\"experiment_ids\":[\"0\"]}", viewer);
    assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
    assertThat(JSON.readTree(search.body()).path("runs").size()).isEqualTo(1);
    HttpResponse<String> unknown = send("POST", Endpoint.PREFIX + "/runs/explode", "{}", viewer);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).path("error_code").asText()).isEqualTo("ENDPOINT_NOT_FOUND");
  }

  @Test
  void theServersOwnRefusalsKeepMlflowsShape() throws Exception {
    String editor = server.token(Role.EDITOR);
    // a foreign Origin on a write (a browser page of another site), and a body over log-batch's limit
    HttpResponse<String> foreign = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + Endpoint.PREFIX
        + "/runs/create")).header("Authorization", "Bearer " + editor).header("Origin", "http://evil.example")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(foreign.body()).path("error_code").asText()).isEqualTo("PERMISSION_DENIED");
    String huge = "{\"run_id\":\"x\",\"params\":[{\"key\":\"k\",\"value\":\"" + "v".repeat((int) MlflowRoutes.LOG_BATCH_BYTES)
        + "\"}]}";
    HttpResponse<String> tooLarge = send("POST", Endpoint.PREFIX + "/runs/log-batch", huge, editor);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    JsonNode body = JSON.readTree(tooLarge.body());
    assertThat(body.path("error_code").asText()).isEqualTo("BAD_REQUEST");
    assertThat(body.path("message").asText()).contains("bytes");
    String deep = "[".repeat(1000) + "]".repeat(1000);
    HttpResponse<String> nested = send("POST", Endpoint.PREFIX + "/runs/log-batch", "{\"metrics\":" + deep + "}", editor);
    assertThat(nested.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(nested.body()).path("error_code").asText()).isEqualTo("BAD_REQUEST");
    Set<String> codes = Arrays.stream(dev.assay.tracking.ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());
    assertThat(codes).contains("UNAUTHENTICATED", "PERMISSION_DENIED");
  }

  private static HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (method.equals("GET")) {
      b.GET();
    } else {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
