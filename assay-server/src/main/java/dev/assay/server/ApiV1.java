package dev.assay.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Dataset;
import dev.assay.core.DatasetInfo;
import dev.assay.core.Example;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.LineageProbe;
import dev.assay.core.Plan;
import dev.assay.core.ResultQuery;
import dev.assay.core.ResultStats;
import dev.assay.core.RunPage;
import dev.assay.core.RunQuery;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Store;
import dev.assay.core.VerdictRecord;
import dev.assay.core.io.DatasetCodec;
import dev.assay.core.io.DatasetHasher;
import dev.assay.gate.CompareOptions;
import dev.assay.gate.ComparisonResult;
import dev.assay.report.HtmlReport;
import dev.assay.report.ReportInput;
import io.javalin.http.Context;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The REST API under {@code /api/v1} (documented in {@code openapi.json}, which a test checks
 * against this route table). Handlers parse and validate, call the store or a service, and write
 * one of the shapes in {@link Views}; every failure is a {@link Problem}.
 */
final class ApiV1 {
  static final String PREFIX = "/api/v1";
  /** Most results one pushed chunk may hold. */
  static final int MAX_CHUNK = 10_000;
  static final int MAX_REPLICATES = 100_000;

  private final ServerContext server;
  private final Store store;
  private final TokenService tokens;
  private final Sessions sessions;
  private final Comparisons comparisons;
  private final ExampleSearch search;
  private final LiveRuns live;
  private final ExampleIds exampleIds;
  /** One lock per run, so that the "how many were new" count of an append is exact. */
  private final Map<String, Object> runLocks = new ConcurrentHashMap<>();

  ApiV1(ServerContext server, TokenService tokens, Sessions sessions, Comparisons comparisons, LiveRuns live) {
    this.server = server;
    this.store = server.store();
    this.tokens = tokens;
    this.sessions = sessions;
    this.comparisons = comparisons;
    this.search = new ExampleSearch(store);
    this.live = live;
    this.exampleIds = new ExampleIds(store);
  }

  /** The example search (its dataset cache is shared by the API and the UI). */
  ExampleSearch search() {
    return search;
  }

  void register(RouteTable r, BodyLimits limits, ServerConfig config) {
    r.get(PREFIX + "/health", Role.PUBLIC, ctx -> ctx.json(Map.of("status", "ok")));
    r.get(PREFIX + "/version", Role.VIEWER, this::version);
    r.get(PREFIX + "/openapi.json", Role.VIEWER, ctx -> {
      ctx.contentType("application/json");
      ctx.result(OpenApi.document());
    });
    r.get(PREFIX + "/runs", Role.VIEWER, this::listRuns);
    r.get(PREFIX + "/runs/{run_id}", Role.VIEWER, this::getRun);
    r.put(PREFIX + "/runs/{run_id}", Role.EDITOR, this::putRun);
    r.delete(PREFIX + "/runs/{run_id}", Role.ADMIN, this::deleteRun);
    r.post(PREFIX + "/runs/{run_id}/results", Role.EDITOR, this::postResults);
    limits.limit("POST", PREFIX + "/runs/{run_id}/results", config.maxChunkBytes());
    r.get(PREFIX + "/runs/{run_id}/examples", Role.VIEWER, this::examples);
    r.sse(PREFIX + "/runs/{run_id}/events", Role.VIEWER, client -> {
      String id = Ids.run(client.ctx().pathParam("run_id"));
      requireRun(id);
      live.subscribe(client, id);
    });
    r.get(PREFIX + "/comparisons", Role.VIEWER, this::comparison);
    r.get(PREFIX + "/comparisons/report", Role.VIEWER, this::report);
    r.get(PREFIX + "/verdicts", Role.VIEWER, this::listVerdicts);
    r.get(PREFIX + "/verdicts/{verdict_id}", Role.VIEWER, this::getVerdict);
    r.post(PREFIX + "/verdicts", Role.EDITOR, this::postVerdict);
    r.get(PREFIX + "/plans", Role.VIEWER, ctx -> {
      ArrayNode a = Views.array();
      store.plans().forEach(p -> a.add(Views.plan(p)));
      ctx.json(Json.object().set("plans", a));
    });
    r.put(PREFIX + "/plans/{plan_hash}", Role.EDITOR, this::putPlan);
    r.get(PREFIX + "/datasets", Role.VIEWER, ctx -> {
      ArrayNode a = Views.array();
      store.datasets().forEach(d -> a.add(Views.dataset(d)));
      ctx.json(Json.object().set("datasets", a));
    });
    r.get(PREFIX + "/datasets/{hash}", Role.VIEWER, this::getDataset);
    r.get(PREFIX + "/datasets/{hash}/examples", Role.VIEWER, this::downloadDataset);
    r.put(PREFIX + "/datasets/{hash}", Role.EDITOR, this::putDataset);
    limits.limit("PUT", PREFIX + "/datasets/{hash}", config.maxDatasetBytes());
    r.get(PREFIX + "/tokens", Role.ADMIN, ctx -> {
      ArrayNode a = Views.array();
      tokens.list().forEach(t -> a.add(Views.token(t)));
      ctx.json(Json.object().set("tokens", a));
    });
    r.post(PREFIX + "/tokens", Role.ADMIN, this::createToken);
    r.delete(PREFIX + "/tokens/{token_id}", Role.ADMIN, this::revokeToken);
  }

  private void version(Context ctx) {
    ObjectNode o = Json.object();
    o.put("assay_version", LineageProbe.assayVersion());
    o.put("api_version", "v1");
    o.put("store", store.getClass().getSimpleName());
    ctx.json(o);
  }

  // ---- runs ----

  private void listRuns(Context ctx) {
    String status = Params.text(ctx, "status", 20);
    RunStatus st = null;
    if (status != null) {
      try {
        st = RunStatus.parse(status);
      } catch (IllegalArgumentException e) {
        throw Problem.badRequest("status must be running, completed, failed or aborted");
      }
    }
    String order = Params.text(ctx, "order", 10);
    if (order != null && !order.equals("newest") && !order.equals("oldest")) {
      throw Problem.badRequest("order must be newest or oldest");
    }
    RunQuery q = new RunQuery(Params.text(ctx, "suite", 200), Params.text(ctx, "system", 200), st,
        Params.instant(ctx, "started_from"), Params.instant(ctx, "started_before"), "oldest".equals(order),
        Cursors.runs(ctx.queryParam("cursor")), Params.limit(ctx, 50, RunQuery.MAX_LIMIT));
    RunPage page = store.runs(q);
    ArrayNode runs = Views.array();
    for (RunRecord run : page.runs()) {
      runs.add(Views.runSummary(run, run.status() == RunStatus.RUNNING ? store.resultStats(run.runId()) : null));
    }
    ObjectNode o = Json.object();
    o.set("runs", runs);
    o.set("next_cursor", Views.nullable(Cursors.runs(page.next())));
    ctx.json(o);
  }

  RunRecord requireRun(String id) {
    return store.run(id).orElseThrow(() -> Problem.notFound("no run " + id));
  }

  private void getRun(Context ctx) {
    RunRecord run = requireRun(Ids.run(ctx.pathParam("run_id")));
    ObjectNode o = Json.object();
    o.set("run", Json.RECORDS.valueToTree(run));
    o.set("results", Views.stats(store.resultStats(run.runId()), run.expectedResults()));
    ctx.json(o);
  }

  /** Creates the run, or replaces its header: pushing the same header twice stores it once. */
  private void putRun(Context ctx) {
    String id = Ids.run(ctx.pathParam("run_id"));
    JsonNode body = server.bodies().json(ctx);
    RunRecord run = BodyLimits.bind(body, RunRecord.class);
    if (!id.equals(run.runId())) {
      throw Problem.badRequest("the body's run_id '" + dev.assay.core.text.Excerpt.of(String.valueOf(run.runId()))
          + "' is not the run of this URL");
    }
    if (run.status() == null || run.datasetSize() < 0 || run.repeats() < 0) {
      throw Problem.badRequest("a run header needs a status, and non-negative dataset_size and repeats");
    }
    synchronized (lock(id)) {
      var existing = store.run(id);
      if (existing.isPresent()) {
        if (!java.util.Objects.equals(existing.get().datasetHash(), run.datasetHash())) {
          throw Problem.conflict("run " + id + " exists with another dataset");
        }
        // The same header again (a finished run pushed twice) changes nothing, so it is neither
        // written nor audited: a re-push is idempotent.
        if (!Json.canonical(existing.get().toJson()).equals(Json.canonical(run.toJson()))) {
          store.updateRun(run);
        }
        ctx.status(200);
      } else {
        store.createRun(run);
        ctx.status(201);
      }
    }
    comparisons.forget(id);
    search.forget(id);
    ObjectNode o = Json.object();
    o.put("run_id", id);
    o.set("results", Views.stats(store.resultStats(id), run.expectedResults()));
    ctx.json(o);
  }

  private void deleteRun(Context ctx) {
    String id = Ids.run(ctx.pathParam("run_id"));
    if (!store.deleteRun(id)) {
      throw Problem.notFound("no run " + id);
    }
    comparisons.forget(id);
    search.forget(id);
    live.forget(id);
    ctx.status(204);
  }

  /**
   * Appends a chunk of results. A result already stored under its key is replaced by the pushed one,
   * so a chunk sent twice (a retried or resumed push) stores every result once.
   */
  private void postResults(Context ctx) {
    String id = Ids.run(ctx.pathParam("run_id"));
    RunRecord run = requireRun(id);
    JsonNode body = server.bodies().json(ctx);
    JsonNode list = body.get("results");
    if (list == null || !list.isArray()) {
      throw Problem.badRequest("the body is {\"results\": [per-example records]}");
    }
    if (list.size() > MAX_CHUNK) {
      throw Problem.tooLarge("a chunk holds at most " + MAX_CHUNK + " results; this one has " + list.size());
    }
    List<ExampleResult> chunk = new ArrayList<>(list.size());
    Set<ExampleResult.Key> keys = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      ExampleResult r;
      try {
        r = BodyLimits.bind(list.get(i), ExampleResult.class);
      } catch (Problem p) {
        throw Problem.badRequest("results[" + i + "]: " + p.detail());
      }
      if (r.id() == null || r.id().isEmpty() || r.index() < 0 || r.repeat() < 0
          || run.datasetSize() > 0 && r.index() >= run.datasetSize() || run.repeats() > 0 && r.repeat() >= run.repeats()) {
        throw Problem.badRequest("results[" + i + "]: needs an id, and an index and repeat within the run's "
            + run.datasetSize() + " examples x " + run.repeats() + " repeats");
      }
      String expected = exampleIds.at(run, r.index()).orElse(null);
      if (expected != null && !expected.equals(r.id())) {
        throw Problem.badRequest("results[" + i + "]: example id '" + dev.assay.core.text.Excerpt.of(r.id())
            + "' is not the id of example " + r.index() + " of the run's dataset, which is '"
            + dev.assay.core.text.Excerpt.of(expected) + "'");
      }
      keys.add(r.key());
      chunk.add(r);
    }
    long added;
    synchronized (lock(id)) {
      long already = ChunkOverlap.alreadyStored(store, id, chunk);
      try {
        store.append(id, chunk);
      } catch (IllegalStateException e) {
        throw Problem.conflict("run " + id + ": " + dev.assay.core.text.Excerpt.of(e.getMessage()));
      }
      added = keys.size() - already;
    }
    live.appended(id, chunk, added);
    comparisons.forget(id);
    search.forget(id);
    ObjectNode o = Json.object();
    o.put("received", chunk.size());
    o.put("new", added);
    ctx.json(o);
  }

  private Object lock(String id) {
    return runLocks.computeIfAbsent(id, k -> new Object());
  }

  private void examples(Context ctx) {
    RunRecord run = requireRun(Ids.run(ctx.pathParam("run_id")));
    Boolean error = Params.bool(ctx, "error");
    String tag = Params.text(ctx, "tag", 400);
    String tagKey = null;
    String tagValue = null;
    if (tag != null) {
      int eq = tag.indexOf('=');
      if (eq <= 0) {
        throw Problem.badRequest("tag must be KEY=VALUE");
      }
      tagKey = tag.substring(0, eq);
      tagValue = tag.substring(eq + 1);
    }
    String flipped = ctx.queryParam("flipped_vs");
    ExampleSearch.Filters f = new ExampleSearch.Filters(error == null ? null : !error, tagKey, tagValue,
        Params.text(ctx, "q", 200), flipped == null || flipped.isEmpty() ? null : Ids.run(flipped),
        Params.text(ctx, "metric", 200));
    ExampleSearch.Page page = search.page(run, f, Cursors.results(ctx.queryParam("cursor")),
        Params.limit(ctx, 50, 1000));
    ArrayNode a = Views.array();
    for (int i = 0; i < page.results().size(); i++) {
      a.add(Views.example(page.results().get(i), page.examples().get(i)));
    }
    ObjectNode o = Json.object();
    o.set("examples", a);
    o.set("next_cursor", Views.nullable(Cursors.results(page.next())));
    ctx.json(o);
  }

  // ---- comparisons ----

  /**
   * The comparison a request asks for. Without statistics parameters ({@code confidence},
   * {@code replicates}, {@code seed}, {@code metrics}) the pair's newest stored verdict, if any, is
   * shown with the options it was reached with, so the page shows that verdict's figures; otherwise
   * the parameters given over the defaults of {@code assay compare} (the CLI and the server agree).
   */
  Comparisons.Key comparisonKey(Context ctx) {
    String b = ctx.queryParam("baseline");
    String c = ctx.queryParam("candidate");
    if (b == null || c == null) {
      throw Problem.badRequest("give baseline=RUN_ID and candidate=RUN_ID");
    }
    String baseline = Ids.run(b);
    String candidate = Ids.run(c);
    String metrics = Params.text(ctx, "metrics", 1000);
    List<String> names = metrics == null ? List.of() : Arrays.stream(metrics.split(",")).map(String::strip)
        .filter(s -> !s.isEmpty()).toList();
    Boolean gate = Params.bool(ctx, "gate");
    boolean asked = names.size() > 0 || Stream.of("confidence", "replicates", "seed")
        .anyMatch(p -> ctx.queryParam(p) != null);
    if (!asked && (gate == null || gate)) {
      var stored = storedVerdict(baseline, candidate);
      if (stored.isPresent()) {
        var recorded = recordedOptions(stored.get());
        return new Comparisons.Key(baseline, candidate, recorded.orElse(CompareOptions.defaults()), false, stored.get(),
            recorded.isPresent());
      }
    }
    CompareOptions d = CompareOptions.defaults();
    CompareOptions options = d.withConfidence(Params.number(ctx, "confidence", d.confidence(), 0.5, 0.9999))
        .withReplicates((int) Params.number(ctx, "replicates", d.replicates(), 1, MAX_REPLICATES))
        .withSeed((long) Params.number(ctx, "seed", d.seed(), 0, Long.MAX_VALUE)).withMetrics(names);
    return new Comparisons.Key(baseline, candidate, options, gate == null || gate, null, false);
  }

  /**
   * The options a stored verdict was reached with; empty when it predates their recording, or when
   * they are unusable here (a verdict posted by a client is not trusted to name a sane workload).
   */
  private static java.util.Optional<CompareOptions> recordedOptions(VerdictRecord v) {
    JsonNode recorded = v.detail().path("options");
    if (!recorded.isObject()) {
      return java.util.Optional.empty();
    }
    try {
      CompareOptions o = CompareOptions.fromJson(recorded);
      return o.replicates() <= MAX_REPLICATES ? java.util.Optional.of(o) : java.util.Optional.empty();
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * The newest stored verdict with exactly this baseline and candidate run. Only the verdicts that
   * involve the candidate's system are read, not every verdict in the store.
   */
  private java.util.Optional<VerdictRecord> storedVerdict(String baseline, String candidate) {
    return store.run(candidate).map(RunRecord::systemName).stream()
        .flatMap(system -> store.verdicts(new VerdictRecord.Query(null, system, 0)).stream())
        .filter(v -> baseline.equals(v.baselineRun()) && candidate.equals(v.candidateRun())).findFirst();
  }

  ComparisonResult compare(Comparisons.Key key) {
    requireRun(key.baseline());
    requireRun(key.candidate());
    return comparisons.get(key);
  }

  private void comparison(Context ctx) {
    Comparisons.Key key = comparisonKey(ctx);
    ComparisonResult r = compare(key);
    ObjectNode o = r.report().toJson();
    o.set("options", key.options().toJson());
    if (key.stored() != null) {
      // The stored verdict, as recorded: its figures, not a recomputation under other settings.
      o.set("gate", key.stored().detail());
      o.set("stored_verdict", Views.verdictSummary(key.stored()));
    } else {
      if (r.verdict() != null) {
        o.set("gate", r.verdict().toJson());
      } else {
        o.putNull("gate");
      }
      o.putNull("stored_verdict");
    }
    ctx.json(o);
  }

  private void report(Context ctx) {
    Comparisons.Key key = comparisonKey(ctx);
    ComparisonResult r = compare(key);
    String html = new HtmlReport(ReportInput.of(r, key.confidence(), 200)).render();
    ctx.contentType("text/html; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"report-" + key.baseline() + "-vs-" + key.candidate()
        + ".html\"");
    ctx.result(html);
  }

  // ---- verdicts and plans ----

  private void listVerdicts(Context ctx) {
    int limit = Params.limit(ctx, 100, 1000);
    List<VerdictRecord> list = store.verdicts(new VerdictRecord.Query(Params.text(ctx, "suite", 200),
        Params.text(ctx, "system", 200), limit));
    ArrayNode a = Views.array();
    list.forEach(v -> a.add(Views.verdictSummary(v)));
    ctx.json(Json.object().set("verdicts", a));
  }

  private void getVerdict(Context ctx) {
    String id = Ids.verdict(ctx.pathParam("verdict_id"));
    ctx.json(Views.verdict(store.verdict(id).orElseThrow(() -> Problem.notFound("no verdict " + id))));
  }

  /** Stores a verdict reached elsewhere ({@code assay gate --server}); the same verdict twice is stored once. */
  private void postVerdict(Context ctx) {
    VerdictRecord v = BodyLimits.bind(server.bodies().json(ctx), VerdictRecord.class);
    Ids.verdict(v.id());
    var existing = store.verdict(v.id());
    if (existing.isPresent()) {
      if (!Json.canonical(Views.verdict(existing.get())).equals(Json.canonical(Views.verdict(v)))) {
        throw Problem.conflict("verdict " + v.id() + " exists with other content; verdicts never change");
      }
      ctx.status(200);
    } else {
      store.saveVerdict(v);
      ctx.status(201);
    }
    ctx.json(Views.verdictSummary(v));
  }

  private void putPlan(Context ctx) {
    String hash = Ids.hash(ctx.pathParam("plan_hash"));
    Plan plan;
    try {
      plan = Plan.fromJson(server.bodies().json(ctx), java.nio.file.Path.of("request"));
    } catch (dev.assay.core.InputException e) {
      throw Problem.badRequest(e.getMessage());
    }
    if (!plan.hash().equals(hash)) {
      throw Problem.badRequest("the plan's hash is not the one in the URL");
    }
    store.savePlan(plan);
    ctx.json(Views.plan(plan));
  }

  // ---- datasets ----

  private void getDataset(Context ctx) {
    String hash = Ids.hash(ctx.pathParam("hash"));
    DatasetInfo info = store.datasets().stream().filter(d -> d.hash().equals(hash)).findFirst()
        .orElseThrow(() -> Problem.notFound("no dataset " + hash));
    ctx.json(Views.dataset(info));
  }

  /** The dataset as JSON Lines, one example per line, streamed. */
  private void downloadDataset(Context ctx) throws IOException {
    String hash = Ids.hash(ctx.pathParam("hash"));
    Dataset d = store.dataset(hash).orElseThrow(() -> Problem.notFound("no dataset " + hash));
    ctx.contentType("application/x-ndjson; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"dataset-" + hash.substring(0, 12) + ".jsonl\"");
    try (Writer w = new java.io.OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8)) {
      for (Example e : d.examples()) {
        w.write(DatasetCodec.line(e));
        w.write('\n');
      }
    }
  }

  /**
   * Stores a pushed dataset (JSON Lines as the download writes them) after checking that it hashes
   * to the hash in the URL; a dataset already stored is acknowledged without reading the body.
   */
  private void putDataset(Context ctx) {
    String hash = Ids.hash(ctx.pathParam("hash"));
    String source = Params.text(ctx, "source", 1000);
    if (store.dataset(hash).isPresent()) {
      ctx.json(Json.object().put("hash", hash).put("created", false));
      return;
    }
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    if (!type.startsWith("application/x-ndjson")) {
      throw Problem.unsupportedMediaType("send the dataset as Content-Type: application/x-ndjson");
    }
    List<Example> examples = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(server.bodies().stream(ctx),
        StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        Example e;
        try {
          e = DatasetCodec.example(BodyLimits.JSON.readTree(line));
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException ex) {
          throw Problem.badRequest("line " + n + ": " + (ex instanceof com.fasterxml.jackson.core.JsonProcessingException j
              ? dev.assay.core.text.JsonProblem.of(j) : ex.getMessage()));
        }
        if (!ids.add(e.id())) {
          throw Problem.badRequest("line " + n + ": example id '" + dev.assay.core.text.Excerpt.of(e.id())
              + "' appears twice");
        }
        examples.add(e);
      }
    } catch (IOException e) {
      if (e.getCause() instanceof Problem p) {
        throw p;
      }
      throw new UncheckedIOException(e);
    }
    if (examples.isEmpty()) {
      throw Problem.badRequest("the dataset has no examples");
    }
    String actual = DatasetHasher.hash(examples);
    if (!actual.equals(hash)) {
      throw new Problem(400, "hash-mismatch", "Hash mismatch", "the examples hash to " + actual
          + ", not to the hash in the URL");
    }
    store.putDataset(new Dataset(source, examples, hash));
    ctx.status(201);
    ctx.json(Json.object().put("hash", hash).put("created", true));
  }

  // ---- tokens ----

  private void createToken(Context ctx) {
    JsonNode body = server.bodies().json(ctx);
    String name = body.path("name").asText(null);
    Role role;
    try {
      role = Role.ofToken(body.path("role").asText(""));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("role must be viewer, editor or admin");
    }
    TokenService.Created made;
    try {
      made = tokens.create(name, role);
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest(e.getMessage());
    }
    ObjectNode o = Views.token(made.stored());
    o.put("token", made.token());
    ctx.status(201);
    ctx.json(o);
  }

  private void revokeToken(Context ctx) {
    String id = Ids.token(ctx.pathParam("token_id"));
    if (!tokens.revoke(id)) {
      throw Problem.notFound("no valid token " + id);
    }
    sessions.closeAll(id);
    ctx.status(204);
  }

  static ResultStats statsOf(Store store, String runId) {
    return store.resultStats(runId);
  }
}
