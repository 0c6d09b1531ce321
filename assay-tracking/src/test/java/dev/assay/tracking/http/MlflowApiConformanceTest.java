package dev.assay.tracking.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.tracking.MlflowService.Endpoint;
import dev.assay.tracking.sql.SqliteTrackingStore;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests and responses against MLflow's own REST definition ({@code mlflow/protos/service.proto}
 * and {@code databricks.proto} in the MLflow repository): the endpoint table (method, path), every
 * response field's name and JSON type, error codes with their HTTP statuses, and page tokens. The
 * message and field tables below are transcribed from service.proto; a field assay writes that the
 * proto does not declare, or writes with another type, fails the shape check.
 */
class MlflowApiConformanceTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The RPCs of service.proto in assay's subset: rpc name, method, path, request and response message. */
  private static final List<List<String>> PROTO_RPCS = List.of(
      List.of("createExperiment", "POST", "/mlflow/experiments/create", "CreateExperiment.Response"),
      List.of("getExperiment", "GET", "/mlflow/experiments/get", "GetExperiment.Response"),
      List.of("getExperimentByName", "GET", "/mlflow/experiments/get-by-name", "GetExperimentByName.Response"),
      List.of("searchExperiments", "POST", "/mlflow/experiments/search", "SearchExperiments.Response"),
      List.of("searchExperiments", "GET", "/mlflow/experiments/search", "SearchExperiments.Response"),
      List.of("createRun", "POST", "/mlflow/runs/create", "CreateRun.Response"),
      List.of("getRun", "GET", "/mlflow/runs/get", "GetRun.Response"),
      List.of("updateRun", "POST", "/mlflow/runs/update", "UpdateRun.Response"),
      List.of("deleteRun", "POST", "/mlflow/runs/delete", "DeleteRun.Response"),
      List.of("searchRuns", "POST", "/mlflow/runs/search", "SearchRuns.Response"),
      List.of("logMetric", "POST", "/mlflow/runs/log-metric", "LogMetric.Response"),
      List.of("logParam", "POST", "/mlflow/runs/log-parameter", "LogParam.Response"),
      List.of("setTag", "POST", "/mlflow/runs/set-tag", "SetTag.Response"),
      List.of("logBatch", "POST", "/mlflow/runs/log-batch", "LogBatch.Response"),
      List.of("getMetricHistory", "GET", "/mlflow/metrics/get-history", "GetMetricHistory.Response"));

  /**
   * Message fields as service.proto declares them: name to JSON kind. Kinds: string, int64, int32,
   * double, bool, an enum name (RunStatus), or a message name; a trailing [] marks repeated.
   */
  private static final Map<String, Map<String, String>> MESSAGES = new LinkedHashMap<>();

  static {
    message("Metric", "key:string", "value:double", "timestamp:int64", "step:int64", "dataset_name:string",
        "dataset_digest:string", "model_id:string", "run_id:string");
    message("Param", "key:string", "value:string");
    message("RunTag", "key:string", "value:string");
    message("ExperimentTag", "key:string", "value:string");
    message("Run", "info:RunInfo", "data:RunData", "inputs:RunInputs", "outputs:RunOutputs");
    message("RunData", "metrics:Metric[]", "params:Param[]", "tags:RunTag[]");
    message("RunInputs", "dataset_inputs:DatasetInput[]", "model_inputs:ModelInput[]");
    message("RunOutputs", "model_outputs:ModelOutput[]");
    message("RunInfo", "run_id:string", "run_uuid:string", "run_name:string", "experiment_id:string",
        "user_id:string", "status:RunStatus", "start_time:int64", "end_time:int64", "artifact_uri:string",
        "lifecycle_stage:string");
    message("Experiment", "experiment_id:string", "name:string", "artifact_location:string",
        "lifecycle_stage:string", "last_update_time:int64", "creation_time:int64", "tags:ExperimentTag[]",
        "effective_trace_archival_retention:string", "workspace:string");
    message("CreateExperiment.Response", "experiment_id:string");
    message("GetExperiment.Response", "experiment:Experiment");
    message("GetExperimentByName.Response", "experiment:Experiment");
    message("SearchExperiments.Response", "experiments:Experiment[]", "next_page_token:string");
    message("CreateRun.Response", "run:Run");
    message("UpdateRun.Response", "run_info:RunInfo");
    message("DeleteRun.Response");
    message("GetRun.Response", "run:Run");
    message("SearchRuns.Response", "runs:Run[]", "next_page_token:string");
    message("LogMetric.Response");
    message("LogParam.Response");
    message("SetTag.Response");
    message("LogBatch.Response");
    message("GetMetricHistory.Response", "metrics:Metric[]", "next_page_token:string");
    // databricks.proto's error body as MLflow's server writes it.
    message("Error", "error_code:ErrorCode", "message:string");
  }

  /** Enum names from service.proto (RunStatus) and databricks.proto (ErrorCode, the ones assay sends). */
  private static final Map<String, Set<String>> ENUMS = Map.of(
      "RunStatus", Set.of("RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"),
      "ErrorCode", Set.of("INTERNAL_ERROR", "BAD_REQUEST", "INVALID_PARAMETER_VALUE", "ENDPOINT_NOT_FOUND",
          "RESOURCE_ALREADY_EXISTS", "RESOURCE_DOES_NOT_EXIST", "UNAUTHENTICATED", "PERMISSION_DENIED"));

  /** HTTP status per error code, as MLflow's server maps them (mlflow/exceptions.py). */
  private static final Map<String, Integer> STATUS = Map.of("INTERNAL_ERROR", 500, "BAD_REQUEST", 400,
      "INVALID_PARAMETER_VALUE", 400, "ENDPOINT_NOT_FOUND", 404, "RESOURCE_ALREADY_EXISTS", 400,
      "RESOURCE_DOES_NOT_EXIST", 404, "UNAUTHENTICATED", 401, "PERMISSION_DENIED", 403);

  private static void message(String name, String... fields) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String f : fields) {
      String[] parts = f.split(":");
      map.put(parts[0], parts[1]);
    }
    MESSAGES.put(name, map);
  }

  @TempDir static Path dir;
  private static SqliteTrackingStore store;
  private static MlflowTestServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** Ids made in setup, substituted for ${...} in the table. */
  private static final Map<String, String> VARS = new LinkedHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    store = SqliteTrackingStore.open(dir.resolve("tracking.db"));
    server = new MlflowTestServer(store, dir);
    String exp = call("POST", "/experiments/create", "{\"name\":\"conformance\",\"tags\":[{\"key\":\"team\","
        + "\"value\":\"eval\"}]}").body.get("experiment_id").textValue();
    VARS.put("exp", exp);
    JsonNode run = call("POST", "/runs/create", "{\"experiment_id\":\"" + exp + "\",\"run_name\":\"r1\","
        + "\"start_time\":1700000000000,\"tags\":[{\"key\":\"mlflow.user\",\"value\":\"ada\"}]}").body;
    VARS.put("run", run.at("/run/info/run_id").textValue());
    JsonNode deleted = call("POST", "/runs/create", "{\"experiment_id\":\"" + exp + "\"}").body;
    VARS.put("deleted", deleted.at("/run/info/run_id").textValue());
    call("POST", "/runs/delete", "{\"run_id\":\"" + VARS.get("deleted") + "\"}");
    call("POST", "/runs/log-parameter", "{\"run_id\":\"" + VARS.get("run") + "\",\"key\":\"lr\",\"value\":\"0.1\"}");
  }

  @AfterAll
  static void stop() {
    server.close();
    store.close();
  }

  @Test
  void theEndpointTableIsServiceProtosSubsetMethodForMethod() {
    Set<List<String>> served = new HashSet<>();
    for (Endpoint e : Endpoint.values()) {
      served.add(List.of(e.method(), "/mlflow" + e.path()));
    }
    Set<List<String>> proto = new HashSet<>();
    PROTO_RPCS.forEach(r -> proto.add(List.of(r.get(1), r.get(2))));
    assertThat(served).isEqualTo(proto);
    assertThat(Endpoint.PREFIX).isEqualTo("/api/2.0/mlflow");
  }

  /** Name, method, path, body (POST) or query (GET), expected status, error code or response message. */
  static Stream<Arguments> table() {
    return Stream.of(
        // ---- successes: the response must match its proto message ----
        row("create experiment", "POST", "/experiments/create", "{\"name\":\"another\",\"artifact_location\":\"s3://b\"}",
            200, "CreateExperiment.Response"),
        row("get experiment", "GET", "/experiments/get", "experiment_id=${exp}", 200, "GetExperiment.Response"),
        row("get Default experiment", "GET", "/experiments/get", "experiment_id=0", 200, "GetExperiment.Response"),
        row("get experiment by name", "GET", "/experiments/get-by-name", "experiment_name=conformance", 200,
            "GetExperimentByName.Response"),
        row("search experiments (POST)", "POST", "/experiments/search", "{\"max_results\":10,\"filter\":"
            + "\"name LIKE 'conf%' AND tags.team = 'eval'\",\"order_by\":[\"name DESC\"]}", 200,
            "SearchExperiments.Response"),
        row("search experiments (GET, repeated order_by)", "GET", "/experiments/search",
            "max_results=5&order_by=name&order_by=experiment_id%20DESC&view_type=ALL", 200, "SearchExperiments.Response"),
        row("create run", "POST", "/runs/create", "{\"experiment_id\":\"${exp}\",\"start_time\":\"1700000000001\","
            + "\"tags\":[{\"key\":\"k\",\"value\":\"v\"}]}", 200, "CreateRun.Response"),
        row("create run in Default without experiment_id", "POST", "/runs/create", "{}", 200, "CreateRun.Response"),
        row("get run (run_uuid, deprecated)", "GET", "/runs/get", "run_uuid=${run}", 200, "GetRun.Response"),
        row("log metric, int64 as string (Java client)", "POST", "/runs/log-metric", "{\"run_id\":\"${run}\","
            + "\"key\":\"loss\",\"value\":0.5,\"timestamp\":\"1700000000000\",\"step\":\"3\"}", 200, "LogMetric.Response"),
        row("log metric NaN", "POST", "/runs/log-metric", "{\"run_id\":\"${run}\",\"key\":\"nan\",\"value\":\"NaN\","
            + "\"timestamp\":1}", 200, "LogMetric.Response"),
        row("log param again, same value", "POST", "/runs/log-parameter", "{\"run_id\":\"${run}\",\"key\":\"lr\","
            + "\"value\":\"0.1\"}", 200, "LogParam.Response"),
        row("set tag", "POST", "/runs/set-tag", "{\"run_id\":\"${run}\",\"key\":\"note\",\"value\":\"hello\"}", 200,
            "SetTag.Response"),
        row("log batch", "POST", "/runs/log-batch", "{\"run_id\":\"${run}\",\"metrics\":[{\"key\":\"acc\","
            + "\"value\":0.9,\"timestamp\":2,\"step\":1}],\"params\":[{\"key\":\"depth\",\"value\":\"3\"}],"
            + "\"tags\":[{\"key\":\"stage\",\"value\":\"dev\"}]}", 200, "LogBatch.Response"),
        row("update run, enum by number", "POST", "/runs/update", "{\"run_id\":\"${run}\",\"status\":3,"
            + "\"end_time\":1700000009999}", 200, "UpdateRun.Response"),
        row("search runs", "POST", "/runs/search", "{\"experiment_ids\":[\"${exp}\"],\"filter\":\"params.lr = '0.1'"
            + " and metrics.loss < 1 and attributes.status = 'FINISHED'\",\"order_by\":[\"metrics.loss DESC\"],"
            + "\"max_results\":100}", 200, "SearchRuns.Response"),
        row("search runs, deleted only", "POST", "/runs/search", "{\"experiment_ids\":[\"${exp}\"],"
            + "\"run_view_type\":\"DELETED_ONLY\"}", 200, "SearchRuns.Response"),
        row("metric history", "GET", "/metrics/get-history", "run_id=${run}&metric_key=loss", 200,
            "GetMetricHistory.Response"),
        row("metric history of a deleted run", "GET", "/metrics/get-history", "run_id=${deleted}&metric_key=loss", 200,
            "GetMetricHistory.Response"),
        // ---- refusals: error code and status as MLflow's ----
        row("get experiment without id", "GET", "/experiments/get", "", 400, "INVALID_PARAMETER_VALUE"),
        row("get unknown experiment", "GET", "/experiments/get", "experiment_id=424242", 404, "RESOURCE_DOES_NOT_EXIST"),
        row("get experiment by unknown name", "GET", "/experiments/get-by-name", "experiment_name=nope", 404,
            "RESOURCE_DOES_NOT_EXIST"),
        row("create experiment without name", "POST", "/experiments/create", "{}", 400, "INVALID_PARAMETER_VALUE"),
        row("create experiment, name not a string", "POST", "/experiments/create", "{\"name\":5}", 400,
            "INVALID_PARAMETER_VALUE"),
        row("create experiment, taken name", "POST", "/experiments/create", "{\"name\":\"conformance\"}", 400,
            "RESOURCE_ALREADY_EXISTS"),
        row("search experiments, too many results", "POST", "/experiments/search", "{\"max_results\":50001}", 400,
            "INVALID_PARAMETER_VALUE"),
        row("search experiments, forged page token", "POST", "/experiments/search", "{\"page_token\":\"garbage!\"}",
            400, "INVALID_PARAMETER_VALUE"),
        row("search experiments, OR", "POST", "/experiments/search", "{\"filter\":\"name = 'a' OR name = 'b'\"}", 400,
            "INVALID_PARAMETER_VALUE"),
        row("create run in unknown experiment", "POST", "/runs/create", "{\"experiment_id\":\"424242\"}", 404,
            "RESOURCE_DOES_NOT_EXIST"),
        row("create run, name and tag disagree", "POST", "/runs/create", "{\"run_name\":\"a\",\"tags\":[{\"key\":"
            + "\"mlflow.runName\",\"value\":\"b\"}]}", 400, "INVALID_PARAMETER_VALUE"),
        row("get unknown run", "GET", "/runs/get", "run_id=00000000000000000000000000000000", 404,
            "RESOURCE_DOES_NOT_EXIST"),
        row("get run without id", "GET", "/runs/get", "", 400, "INVALID_PARAMETER_VALUE"),
        row("log metric without timestamp", "POST", "/runs/log-metric", "{\"run_id\":\"${run}\",\"key\":\"m\","
            + "\"value\":1}", 400, "INVALID_PARAMETER_VALUE"),
        row("log metric, value not a number", "POST", "/runs/log-metric", "{\"run_id\":\"${run}\",\"key\":\"m\","
            + "\"value\":\"high\",\"timestamp\":1}", 400, "INVALID_PARAMETER_VALUE"),
        row("log metric, name escaping its folder", "POST", "/runs/log-metric", "{\"run_id\":\"${run}\",\"key\":"
            + "\"../../etc/passwd\",\"value\":1,\"timestamp\":1}", 400, "INVALID_PARAMETER_VALUE"),
        row("log metric to a deleted run", "POST", "/runs/log-metric", "{\"run_id\":\"${deleted}\",\"key\":\"m\","
            + "\"value\":1,\"timestamp\":1}", 400, "INVALID_PARAMETER_VALUE"),
        row("log param, changed value", "POST", "/runs/log-parameter", "{\"run_id\":\"${run}\",\"key\":\"lr\","
            + "\"value\":\"0.2\"}", 400, "INVALID_PARAMETER_VALUE"),
        row("log param, value over 6000 characters", "POST", "/runs/log-parameter", "{\"run_id\":\"${run}\","
            + "\"key\":\"long\",\"value\":\"" + "x".repeat(6001) + "\"}", 400, "INVALID_PARAMETER_VALUE"),
        row("log batch, 1001 metrics", "POST", "/runs/log-batch", "{\"run_id\":\"${run}\",\"metrics\":["
            + String.join(",", java.util.Collections.nCopies(1001, "{\"key\":\"m\",\"value\":1,\"timestamp\":1}"))
            + "]}", 400, "INVALID_PARAMETER_VALUE"),
        row("log batch, metrics not a list", "POST", "/runs/log-batch", "{\"run_id\":\"${run}\",\"metrics\":{}}", 400,
            "INVALID_PARAMETER_VALUE"),
        row("update a deleted run", "POST", "/runs/update", "{\"run_id\":\"${deleted}\",\"status\":\"FINISHED\"}", 400,
            "INVALID_PARAMETER_VALUE"),
        row("update run, unknown status", "POST", "/runs/update", "{\"run_id\":\"${run}\",\"status\":\"DONE\"}", 400,
            "INVALID_PARAMETER_VALUE"),
        row("delete unknown run", "POST", "/runs/delete", "{\"run_id\":\"ffffffffffffffffffffffffffffffff\"}", 404,
            "RESOURCE_DOES_NOT_EXIST"),
        row("search runs, metric compared with a string", "POST", "/runs/search", "{\"experiment_ids\":[\"${exp}\"],"
            + "\"filter\":\"metrics.acc > 'high'\"}", 400, "INVALID_PARAMETER_VALUE"),
        row("search runs, unknown attribute", "POST", "/runs/search", "{\"experiment_ids\":[\"${exp}\"],"
            + "\"filter\":\"attributes.password = 'x'\"}", 400, "INVALID_PARAMETER_VALUE"),
        row("search runs, SQL in a key is a key", "POST", "/runs/search", "{\"experiment_ids\":[\"${exp}\"],"
            + "\"filter\":\"params.`x' OR 1=1 --` = 'y'\"}", 200, "SearchRuns.Response"),
        row("metric history without metric_key", "GET", "/metrics/get-history", "run_id=${run}", 400,
            "INVALID_PARAMETER_VALUE"),
        row("unknown endpoint", "POST", "/runs/explode", "{}", 404, "ENDPOINT_NOT_FOUND"),
        row("body not JSON", "POST", "/runs/log-metric", "{not json", 400, "BAD_REQUEST"),
        row("body not an object", "POST", "/runs/log-metric", "[1,2]", 400, "BAD_REQUEST"));
  }

  private static Arguments row(String name, String method, String path, String input, int status, String expected) {
    return Arguments.of(name, method, path, input, status, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void requestGetsMlflowsAnswer(String name, String method, String path, String input, int status, String expected)
      throws Exception {
    Reply reply = call(method, path, substitute(input));
    assertThat(reply.status).as("%s: %s", name, reply.body).isEqualTo(status);
    if (status == 200) {
      assertShape(reply.body, expected, "$");
    } else {
      assertShape(reply.body, "Error", "$");
      assertThat(reply.body.path("error_code").asText()).as(name).isEqualTo(expected);
      assertThat(STATUS.get(expected)).as("MLflow's status for %s", expected).isEqualTo(status);
      assertThat(reply.body.path("message").asText()).isNotBlank();
    }
  }

  @Test
  void aKnownPathWithTheWrongMethodIs405() throws Exception {
    Reply reply = call("GET", "/runs/log-metric", "");
    assertThat(reply.status).isEqualTo(405);
    assertThat(reply.body.path("error_code").asText()).isEqualTo("BAD_REQUEST");
  }

  @Test
  void pageTokensWalkEveryRunOnceAndTheLastPageHasNone() throws Exception {
    String exp = call("POST", "/experiments/create", "{\"name\":\"paging\"}").body.get("experiment_id").textValue();
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 7; i++) {
      created.add(call("POST", "/runs/create", "{\"experiment_id\":\"" + exp + "\",\"start_time\":" + (1000 + i % 3)
          + "}").body.at("/run/info/run_id").textValue());
    }
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      ObjectNode body = MAPPER.createObjectNode();
      body.putArray("experiment_ids").add(exp);
      body.put("max_results", 3);
      if (token != null) {
        body.put("page_token", token);
      }
      Reply reply = call("POST", "/runs/search", body.toString());
      assertShape(reply.body, "SearchRuns.Response", "$");
      reply.body.path("runs").forEach(r -> seen.add(r.at("/info/run_id").textValue()));
      token = reply.body.hasNonNull("next_page_token") ? reply.body.get("next_page_token").textValue() : null;
      pages++;
    } while (token != null && pages < 10);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(7).doesNotHaveDuplicates();
    assertThat(new HashSet<>(seen)).isEqualTo(created);
  }

  @Test
  void metricHistoryPagesWithTokens() throws Exception {
    String run = VARS.get("run");
    StringBuilder metrics = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      metrics.append(i == 0 ? "" : ",").append("{\"key\":\"paged\",\"value\":").append(i)
          .append(",\"timestamp\":").append(i).append(",\"step\":").append(i).append('}');
    }
    call("POST", "/runs/log-batch", "{\"run_id\":\"" + run + "\",\"metrics\":[" + metrics + "]}");
    List<Double> values = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      Reply reply = call("GET", "/metrics/get-history", "run_id=" + run + "&metric_key=paged&max_results=4"
          + (token.isEmpty() ? "" : "&page_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
      assertShape(reply.body, "GetMetricHistory.Response", "$");
      reply.body.path("metrics").forEach(m -> values.add(m.get("value").doubleValue()));
      token = reply.body.path("next_page_token").asText("");
      pages++;
    } while (!token.isEmpty() && pages < 10);
    assertThat(pages).isEqualTo(3);
    assertThat(values).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0);
  }

  @Test
  void aRunReadsBackAsLoggedWithNaNAsProtobufSpellsIt() throws Exception {
    String exp = VARS.get("exp");
    String run = call("POST", "/runs/create", "{\"experiment_id\":\"" + exp + "\",\"run_name\":\"shape\"}")
        .body.at("/run/info/run_id").textValue();
    call("POST", "/runs/log-batch", "{\"run_id\":\"" + run + "\",\"metrics\":[{\"key\":\"x\",\"value\":\"NaN\","
        + "\"timestamp\":5},{\"key\":\"y\",\"value\":\"-Infinity\",\"timestamp\":5}],\"params\":[{\"key\":\"p\","
        + "\"value\":\"ü — 1\"}]}");
    JsonNode got = call("GET", "/runs/get", "run_id=" + run).body.get("run");
    assertThat(got.at("/info/run_name").textValue()).isEqualTo("shape");
    assertThat(got.at("/info/status").textValue()).isEqualTo("RUNNING");
    assertThat(got.at("/info/lifecycle_stage").textValue()).isEqualTo("active");
    assertThat(got.at("/data/metrics")).extracting(JsonNode::toString)
        .containsExactly("{\"key\":\"x\",\"value\":\"NaN\",\"timestamp\":5,\"step\":0}",
            "{\"key\":\"y\",\"value\":\"-Infinity\",\"timestamp\":5,\"step\":0}");
    assertThat(got.at("/data/params/0/value").textValue()).isEqualTo("ü — 1");
    assertThat(got.at("/data/tags")).extracting(t -> t.get("key").textValue()).contains("mlflow.runName");
  }

  // ---- the shape check ----

  private static void assertShape(JsonNode node, String message, String where) {
    Map<String, String> fields = MESSAGES.get(message);
    assertThat(fields).as("message %s is in the table", message).isNotNull();
    assertThat(node.isObject()).as("%s is a %s object: %s", where, message, node).isTrue();
    node.fields().forEachRemaining(f -> {
      String kind = fields.get(f.getKey());
      assertThat(kind).as("%s.%s is a field of %s", where, f.getKey(), message).isNotNull();
      if (kind.endsWith("[]")) {
        assertThat(f.getValue().isArray()).as("%s.%s is repeated", where, f.getKey()).isTrue();
        assertThat(f.getValue().size()).as("%s.%s: empty lists are left out", where, f.getKey()).isPositive();
        int i = 0;
        for (JsonNode item : (ArrayNode) f.getValue()) {
          assertValue(item, kind.substring(0, kind.length() - 2), where + "." + f.getKey() + "[" + i++ + "]");
        }
      } else {
        assertValue(f.getValue(), kind, where + "." + f.getKey());
      }
    });
  }

  private static void assertValue(JsonNode v, String kind, String where) {
    switch (kind) {
      case "string" -> assertThat(v.isTextual()).as("%s is a string: %s", where, v).isTrue();
      case "int64", "int32" -> assertThat(v.isIntegralNumber()).as("%s is an integer: %s", where, v).isTrue();
      case "bool" -> assertThat(v.isBoolean()).as("%s is a bool", where).isTrue();
      case "double" -> assertThat(v.isNumber() || Set.of("NaN", "Infinity", "-Infinity").contains(v.asText()))
          .as("%s is a double: %s", where, v).isTrue();
      default -> {
        if (ENUMS.containsKey(kind)) {
          assertThat(ENUMS.get(kind)).as("%s is a %s", where, kind).contains(v.asText());
        } else {
          assertShape(v, kind, where);
        }
      }
    }
  }

  // ---- plumbing ----

  private record Reply(int status, JsonNode body) {}

  private static String substitute(String s) {
    for (Map.Entry<String, String> e : VARS.entrySet()) {
      s = s.replace("${" + e.getKey() + "}", e.getValue());
    }
    return s;
  }

  private static Reply call(String method, String path, String input) throws IOException, InterruptedException {
    String url = server.url() + Endpoint.PREFIX + path;
    HttpRequest.Builder request;
    if (method.equals("GET")) {
      request = HttpRequest.newBuilder(URI.create(input.isEmpty() ? url : url + "?" + input.replace(" ", "%20")))
          .GET();
    } else {
      request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(input));
    }
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    return new Reply(response.statusCode(), MAPPER.readTree(response.body()));
  }

  static {
    // The table's expected codes are all ones MLflow defines.
    assertThat(STATUS.keySet()).isEqualTo(ENUMS.get("ErrorCode"));
    assertThat(Arrays.stream(dev.assay.tracking.ErrorCode.values()).map(Enum::name).toList())
        .containsExactlyInAnyOrderElementsOf(ENUMS.get("ErrorCode"));
  }
}
