package dev.assay.tracking;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The MLflow tracking REST API's semantics over a {@link TrackingStore}, free of any HTTP
 * framework: each {@link Endpoint} takes the request's fields and returns the response body, or
 * throws {@link MlflowException} with MLflow's error code.
 *
 * <p>What it enforces, as MLflow's server does: required fields; names of metrics, params and tags
 * (at most {@value #MAX_KEY_LENGTH} characters of letters, digits, {@code _ - . / : } and space,
 * not escaping their folder); param values up to {@value #MAX_PARAM_VALUE_LENGTH} characters, tag
 * values up to {@value #MAX_TAG_VALUE_LENGTH}; log-batch limits (1,000 metrics, 100 params, 100
 * tags, 1,000 in all); only active runs take data or updates; runs are created in active
 * experiments only; run names and the {@code mlflow.runName} tag agree; page sizes up to
 * {@value #MAX_RESULTS_THRESHOLD}; page tokens are opaque offsets.
 */
public final class MlflowService {
  static final int MAX_KEY_LENGTH = 250;
  static final int MAX_PARAM_VALUE_LENGTH = 6000;
  static final int MAX_TAG_VALUE_LENGTH = 8000;
  static final int MAX_EXPERIMENT_NAME_LENGTH = 500;
  static final int MAX_METRICS_PER_BATCH = 1000;
  static final int MAX_PARAMS_TAGS_PER_BATCH = 100;
  static final int MAX_ENTITIES_PER_BATCH = 1000;
  static final int MAX_RESULTS_DEFAULT = 1000;
  static final int MAX_RESULTS_THRESHOLD = 50_000;
  /** The tag MLflow keeps equal to a run's name. */
  public static final String RUN_NAME_TAG = "mlflow.runName";
  /** The tag MLflow clients set to the user who started a run. */
  public static final String USER_TAG = "mlflow.user";

  private static final Pattern KEY = Pattern.compile("[\\p{L}\\p{N}_\\-./: ]+");

  /** An endpoint of the REST API: its HTTP method, path under {@code /api/2.0/mlflow}, and handler. */
  public enum Endpoint {
    CREATE_EXPERIMENT("POST", "/experiments/create", MlflowService::createExperiment),
    GET_EXPERIMENT("GET", "/experiments/get", MlflowService::getExperiment),
    GET_EXPERIMENT_BY_NAME("GET", "/experiments/get-by-name", MlflowService::getExperimentByName),
    SEARCH_EXPERIMENTS("POST", "/experiments/search", MlflowService::searchExperiments),
    SEARCH_EXPERIMENTS_GET("GET", "/experiments/search", MlflowService::searchExperiments),
    CREATE_RUN("POST", "/runs/create", MlflowService::createRun),
    GET_RUN("GET", "/runs/get", MlflowService::getRun),
    UPDATE_RUN("POST", "/runs/update", MlflowService::updateRun),
    DELETE_RUN("POST", "/runs/delete", MlflowService::deleteRun),
    SEARCH_RUNS("POST", "/runs/search", MlflowService::searchRuns),
    LOG_METRIC("POST", "/runs/log-metric", MlflowService::logMetric),
    LOG_PARAM("POST", "/runs/log-parameter", MlflowService::logParam),
    SET_TAG("POST", "/runs/set-tag", MlflowService::setTag),
    LOG_BATCH("POST", "/runs/log-batch", MlflowService::logBatch),
    GET_METRIC_HISTORY("GET", "/metrics/get-history", MlflowService::getMetricHistory);

    /** Where every endpoint path is mounted. */
    public static final String PREFIX = "/api/2.0/mlflow";

    private final String method;
    private final String path;
    private final BiFunction<MlflowService, RequestFields, ObjectNode> handler;

    Endpoint(String method, String path, BiFunction<MlflowService, RequestFields, ObjectNode> handler) {
      this.method = method;
      this.path = path;
      this.handler = handler;
    }

    public String method() {
      return method;
    }

    /** The path below {@link #PREFIX}, e.g. {@code /runs/log-batch}. */
    public String path() {
      return path;
    }

    /** Whether a request to this endpoint changes data (the server's auth tells editors from viewers). */
    public boolean writes() {
      return method.equals("POST") && !path.endsWith("/search");
    }
  }

  private final TrackingStore store;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public MlflowService(TrackingStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Handles one request to {@code endpoint}; throws MlflowException for a refused one. */
  public ObjectNode handle(Endpoint endpoint, RequestFields request) {
    return endpoint.handler.apply(this, request);
  }

  // ---- experiments ----

  ObjectNode createExperiment(RequestFields in) {
    String name = in.requiredString("name");
    if (name.isBlank()) {
      throw MlflowException.invalid("Invalid experiment name: '" + name + "'");
    }
    if (name.length() > MAX_EXPERIMENT_NAME_LENGTH) {
      throw MlflowException.invalid("Experiment name exceeds the maximum length of " + MAX_EXPERIMENT_NAME_LENGTH);
    }
    List<KeyValue> tags = pairs(in, "tags", MAX_TAG_VALUE_LENGTH);
    Experiment e = store.createExperiment(name, emptyToNull(in.string("artifact_location")), tags, clock.millis());
    return MlflowJson.object().put("experiment_id", e.id());
  }

  ObjectNode getExperiment(RequestFields in) {
    String id = in.requiredString("experiment_id");
    Experiment e = store.experiment(id)
        .orElseThrow(() -> MlflowException.notFound("No Experiment with id=" + id + " exists"));
    ObjectNode out = MlflowJson.object();
    out.set("experiment", MlflowJson.experiment(e));
    return out;
  }

  ObjectNode getExperimentByName(RequestFields in) {
    String name = in.requiredString("experiment_name");
    Experiment e = store.experimentByName(name)
        .orElseThrow(() -> MlflowException.notFound("Could not find experiment with name '" + name + "'"));
    ObjectNode out = MlflowJson.object();
    out.set("experiment", MlflowJson.experiment(e));
    return out;
  }

  ObjectNode searchExperiments(RequestFields in) {
    int limit = maxResults(in, MAX_RESULTS_DEFAULT);
    int offset = PageToken.offset(in.string("page_token"));
    ViewType view = viewType(in, "view_type");
    List<Search.OrderBy> order = new ArrayList<>();
    for (String o : in.strings("order_by")) {
      order.add(SearchParser.experimentOrder(o));
    }
    List<Experiment> found = store.searchExperiments(new Search.ExperimentQuery(
        SearchParser.experimentFilter(in.string("filter")), view, order, offset, limit + 1));
    ObjectNode out = MlflowJson.object();
    if (!found.isEmpty()) {
      ArrayNode list = out.putArray("experiments");
      found.stream().limit(limit).forEach(e -> list.add(MlflowJson.experiment(e)));
    }
    if (found.size() > limit) {
      out.put("next_page_token", PageToken.of(offset + limit));
    }
    return out;
  }

  // ---- runs ----

  ObjectNode createRun(RequestFields in) {
    String experimentId = in.string("experiment_id");
    if (experimentId == null || experimentId.isEmpty()) {
      experimentId = TrackingStore.DEFAULT_EXPERIMENT_ID;
    }
    String expId = experimentId;
    Experiment experiment = store.experiment(expId)
        .orElseThrow(() -> MlflowException.notFound("No Experiment with id=" + expId + " exists"));
    if (experiment.stage() != LifecycleStage.ACTIVE) {
      throw MlflowException.invalid("The experiment " + expId + " must be in the 'active' state. Current state is "
          + experiment.stage().wire() + ".");
    }
    List<KeyValue> tags = new ArrayList<>(pairs(in, "tags", MAX_TAG_VALUE_LENGTH));
    String nameTag = last(tags, RUN_NAME_TAG);
    String runName = emptyToNull(in.string("run_name"));
    if (runName != null && nameTag != null && !runName.equals(nameTag)) {
      throw MlflowException.invalid("Both 'run_name' argument and 'mlflow.runName' tag are specified, but with"
          + " different values (run_name='" + runName + "', mlflow.runName='" + nameTag + "').");
    }
    String runId = newRunId();
    if (runName == null) {
      runName = nameTag != null ? nameTag : "run-" + runId.substring(0, 8);
    }
    if (nameTag == null) {
      tags.add(new KeyValue(RUN_NAME_TAG, runName));
    }
    String userId = in.string("user_id");
    if (userId == null) {
      userId = last(tags, USER_TAG);
    }
    Long start = in.int64("start_time");
    String location = experiment.artifactLocation();
    String artifactUri = location == null ? null : location.replaceAll("/+$", "") + "/" + runId + "/artifacts";
    RunInfo info = new RunInfo(runId, expId, runName, userId, RunStatus.RUNNING,
        start == null ? clock.millis() : start, null, artifactUri, LifecycleStage.ACTIVE);
    Run run = store.createRun(info, tags);
    ObjectNode out = MlflowJson.object();
    out.set("run", MlflowJson.run(run));
    return out;
  }

  ObjectNode getRun(RequestFields in) {
    ObjectNode out = MlflowJson.object();
    out.set("run", MlflowJson.run(existingRun(in.runId())));
    return out;
  }

  ObjectNode updateRun(RequestFields in) {
    String runId = in.runId();
    RunStatus status = in.enumValue("status", RunStatus.class, RunStatus::number);
    Long endTime = in.int64("end_time");
    String name = emptyToNull(in.string("run_name"));
    activeRun(runId);
    RunInfo info = store.updateRun(runId, status, endTime, name);
    if (name != null) {
      store.log(runId, List.of(), List.of(), List.of(new KeyValue(RUN_NAME_TAG, name)));
    }
    ObjectNode out = MlflowJson.object();
    out.set("run_info", MlflowJson.runInfo(info));
    return out;
  }

  ObjectNode deleteRun(RequestFields in) {
    String runId = in.requiredString("run_id");
    existingRun(runId);
    store.setRunStage(runId, LifecycleStage.DELETED, clock.millis());
    return MlflowJson.object();
  }

  ObjectNode searchRuns(RequestFields in) {
    int limit = maxResults(in, MAX_RESULTS_DEFAULT);
    int offset = PageToken.offset(in.string("page_token"));
    ViewType view = viewType(in, "run_view_type");
    List<Search.OrderBy> order = new ArrayList<>();
    for (String o : in.strings("order_by")) {
      order.add(SearchParser.runOrder(o));
    }
    List<Run> found = store.searchRuns(new Search.RunQuery(in.strings("experiment_ids"),
        SearchParser.runFilter(in.string("filter")), view, order, offset, limit + 1));
    ObjectNode out = MlflowJson.object();
    if (!found.isEmpty()) {
      ArrayNode list = out.putArray("runs");
      found.stream().limit(limit).forEach(r -> list.add(MlflowJson.run(r)));
    }
    if (found.size() > limit) {
      out.put("next_page_token", PageToken.of(offset + limit));
    }
    return out;
  }

  // ---- logging ----

  ObjectNode logMetric(RequestFields in) {
    String runId = in.runId();
    Metric m = metric(in);
    activeRun(runId);
    store.log(runId, List.of(m), List.of(), List.of());
    return MlflowJson.object();
  }

  ObjectNode logParam(RequestFields in) {
    String runId = in.runId();
    KeyValue p = pair(in, MAX_PARAM_VALUE_LENGTH, "param");
    activeRun(runId);
    store.log(runId, List.of(), List.of(p), List.of());
    return MlflowJson.object();
  }

  ObjectNode setTag(RequestFields in) {
    String runId = in.runId();
    KeyValue t = pair(in, MAX_TAG_VALUE_LENGTH, "tag");
    activeRun(runId);
    if (t.key().equals(RUN_NAME_TAG)) {
      store.updateRun(runId, null, null, t.value());
    }
    store.log(runId, List.of(), List.of(), List.of(t));
    return MlflowJson.object();
  }

  ObjectNode logBatch(RequestFields in) {
    String runId = in.runId();
    List<RequestFields> metricFields = in.messages("metrics");
    List<RequestFields> paramFields = in.messages("params");
    List<RequestFields> tagFields = in.messages("tags");
    if (metricFields.size() > MAX_METRICS_PER_BATCH || paramFields.size() > MAX_PARAMS_TAGS_PER_BATCH
        || tagFields.size() > MAX_PARAMS_TAGS_PER_BATCH
        || metricFields.size() + paramFields.size() + tagFields.size() > MAX_ENTITIES_PER_BATCH) {
      throw MlflowException.invalid("A batch logging request can contain at most " + MAX_METRICS_PER_BATCH
          + " metrics, " + MAX_PARAMS_TAGS_PER_BATCH + " params, " + MAX_PARAMS_TAGS_PER_BATCH + " tags and "
          + MAX_ENTITIES_PER_BATCH + " entities in all; got " + metricFields.size() + " metrics, "
          + paramFields.size() + " params and " + tagFields.size() + " tags");
    }
    List<Metric> metrics = new ArrayList<>(metricFields.size());
    for (RequestFields f : metricFields) {
      metrics.add(metric(f));
    }
    List<KeyValue> params = new ArrayList<>(paramFields.size());
    for (RequestFields f : paramFields) {
      params.add(pair(f, MAX_PARAM_VALUE_LENGTH, "param"));
    }
    List<KeyValue> tags = new ArrayList<>(tagFields.size());
    for (RequestFields f : tagFields) {
      tags.add(pair(f, MAX_TAG_VALUE_LENGTH, "tag"));
    }
    activeRun(runId);
    String name = last(tags, RUN_NAME_TAG);
    if (name != null) {
      store.updateRun(runId, null, null, name);
    }
    store.log(runId, metrics, params, tags);
    return MlflowJson.object();
  }

  ObjectNode getMetricHistory(RequestFields in) {
    String runId = in.runId();
    String key = in.requiredString("metric_key");
    Integer max = in.int32("max_results");
    if (max != null && (max < 1 || max > MAX_RESULTS_THRESHOLD)) {
      throw MlflowException.invalid("Invalid value " + max + " for parameter 'max_results' supplied: it must be"
          + " between 1 and " + MAX_RESULTS_THRESHOLD);
    }
    int offset = PageToken.offset(in.string("page_token"));
    existingRun(runId);
    // Without max_results MLflow returns the whole history in one response.
    int limit = max == null ? Integer.MAX_VALUE - 1 : max;
    List<Metric> values = store.metricHistory(runId, key, offset, limit + 1);
    ObjectNode out = MlflowJson.object();
    if (!values.isEmpty()) {
      ArrayNode list = out.putArray("metrics");
      values.stream().limit(limit).forEach(m -> list.add(MlflowJson.metric(m)));
    }
    if (values.size() > limit) {
      out.put("next_page_token", PageToken.of(offset + limit));
    }
    return out;
  }

  // ---- rules ----

  private Run existingRun(String runId) {
    return store.run(runId).orElseThrow(() -> MlflowException.notFound("Run with id=" + runId + " not found"));
  }

  private void activeRun(String runId) {
    RunInfo info = store.runInfo(runId).orElseThrow(() -> MlflowException.notFound("Run with id=" + runId
        + " not found"));
    if (info.stage() != LifecycleStage.ACTIVE) {
      throw MlflowException.invalid("The run " + runId + " must be in the 'active' state. Current state is "
          + info.stage().wire() + ".");
    }
  }

  private static Metric metric(RequestFields f) {
    String key = f.requiredString("key");
    checkKey(key, "metric");
    double value = f.requiredDouble("value");
    long timestamp = f.requiredInt64("timestamp");
    Long step = f.int64("step");
    return new Metric(key, value, timestamp, step == null ? 0 : step);
  }

  private static KeyValue pair(RequestFields f, int maxValue, String what) {
    String key = f.requiredString("key");
    checkKey(key, what);
    String value = f.string("value");
    if (value == null) {
      throw RequestFields.missing("value");
    }
    if (value.length() > maxValue) {
      throw MlflowException.invalid("The " + what + " value of '" + key + "' has " + value.length()
          + " characters, more than the limit of " + maxValue);
    }
    return new KeyValue(key, value);
  }

  private static List<KeyValue> pairs(RequestFields in, String field, int maxValue) {
    List<KeyValue> out = new ArrayList<>();
    for (RequestFields f : in.messages(field)) {
      out.add(pair(f, maxValue, "tag"));
    }
    return out;
  }

  /**
   * MLflow's rule for metric, param and tag names: they become file names in MLflow's file store,
   * so they are limited to a safe alphabet and must not climb out of their folder.
   */
  static void checkKey(String key, String what) {
    if (key.length() > MAX_KEY_LENGTH) {
      throw MlflowException.invalid("The " + what + " name '" + key.substring(0, 40) + "...' has " + key.length()
          + " characters, more than the limit of " + MAX_KEY_LENGTH);
    }
    boolean pathSafe = !key.startsWith("/") && !key.endsWith("/") && !key.contains("//")
        && List.of(key.split("/", -1)).stream().noneMatch(s -> s.equals(".") || s.equals(".."));
    if (!KEY.matcher(key).matches() || !pathSafe) {
      throw MlflowException.invalid("Invalid " + what + " name: '" + key + "'. Names may only contain alphanumerics,"
          + " underscores (_), dashes (-), periods (.), spaces ( ), colons (:) and slashes (/), and may not"
          + " start or end with a slash or contain '.' or '..' path segments.");
    }
  }

  private static int maxResults(RequestFields in, int defaultValue) {
    Long max = in.int64("max_results");
    if (max == null) {
      return defaultValue;
    }
    if (max < 1 || max > MAX_RESULTS_THRESHOLD) {
      throw MlflowException.invalid("Invalid value " + max + " for parameter 'max_results' supplied: it must be"
          + " between 1 and " + MAX_RESULTS_THRESHOLD);
    }
    return max.intValue();
  }

  private static ViewType viewType(RequestFields in, String field) {
    ViewType v = in.enumValue(field, ViewType.class, ViewType::number);
    return v == null ? ViewType.ACTIVE_ONLY : v;
  }

  private static String last(List<KeyValue> pairs, String key) {
    String found = null;
    for (KeyValue kv : pairs) {
      if (kv.key().equals(key)) {
        found = kv.value();
      }
    }
    return found;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** A new run id: 32 lower-case hex digits from 128 random bits, as MLflow's are. */
  private String newRunId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Page tokens: base64 of {@code {"offset": N}}, opaque to clients, as MLflow's. */
  static final class PageToken {
    private static final Pattern BODY = Pattern.compile("\\{\\s*\"offset\"\\s*:\\s*(\\d{1,9})\\s*}");

    private PageToken() {}

    static String of(int offset) {
      return Base64.getEncoder().encodeToString(("{\"offset\": " + offset + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a token stands for; 0 for none; INVALID_PARAMETER_VALUE for one this server did not write. */
    static int offset(String token) {
      if (token == null || token.isEmpty()) {
        return 0;
      }
      try {
        var m = BODY.matcher(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
        if (m.matches()) {
          return Integer.parseInt(m.group(1));
        }
      } catch (IllegalArgumentException e) {
        // not base64: refused below
      }
      throw MlflowException.invalid("Invalid page token, could not base64-decode an offset from '"
          + (token.length() > 60 ? token.substring(0, 60) + "..." : token) + "'");
    }
  }
}
