package dev.assay.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.core.audit.AuditEntry;
import dev.assay.core.audit.AuditLog;
import dev.assay.core.registry.AliasMove;
import dev.assay.core.registry.Model;
import dev.assay.core.registry.ModelVersion;
import dev.assay.core.text.Excerpt;
import dev.assay.registry.Durations;
import dev.assay.registry.ModelRegistry;
import dev.assay.registry.NotAllowedException;
import dev.assay.registry.RegistryJson;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/**
 * The registry and the audit log under {@code /api/v1} (documented in {@code openapi.json}):
 * models, versions, aliases and their history, promotion on stored verdicts, rollback, the audit
 * log and its verification, and the research scorecard. Viewers read; editors register versions,
 * promote and roll back; only admins may override a promotion policy. The JSON shapes are those of
 * {@code assay models|audit|scorecard --format json} ({@link RegistryJson}).
 */
final class RegistryApi {
  /** Most audit entries one request lists. */
  static final int MAX_ENTRIES = 5_000;

  private final ServerContext server;
  private final RegistryAccess registry;

  /** @param registry null when the server's store keeps no registry: every route then answers 404 */
  RegistryApi(ServerContext server, RegistryAccess registry) {
    this.server = server;
    this.registry = registry;
  }

  void register(RouteTable r) {
    String p = ApiV1.PREFIX;
    r.get(p + "/models", Role.VIEWER, this::listModels);
    r.get(p + "/models/{model}", Role.VIEWER, this::getModel);
    r.post(p + "/models/{model}/versions", Role.EDITOR, this::registerVersion);
    r.get(p + "/models/{model}/versions/{version}", Role.VIEWER, this::getVersion);
    r.get(p + "/models/{model}/aliases", Role.VIEWER, this::aliases);
    r.get(p + "/models/{model}/history", Role.VIEWER, this::history);
    r.post(p + "/models/{model}/promotions", Role.EDITOR, this::promote);
    r.post(p + "/models/{model}/rollbacks", Role.EDITOR, this::rollback);
    r.get(p + "/audit", Role.VIEWER, this::auditEntries);
    r.get(p + "/audit/verify", Role.VIEWER, ctx -> ctx.json(access().verify().toJson()));
    r.get(p + "/scorecard", Role.VIEWER, this::scorecard);
  }

  RegistryAccess access() {
    if (registry == null) {
      throw Problem.notFound("this server's store keeps no model registry or audit log");
    }
    return registry;
  }

  /** The model a path names; 400 for a malformed name, 404 for an unknown one. */
  Model model(Context ctx) {
    String name = ctx.pathParam("model");
    if (!Model.validName(name)) {
      throw Problem.invalidId("model name", "a model name is " + Model.NAME_RULE);
    }
    return access().store().model(name).orElseThrow(() -> Problem.notFound("no model " + name));
  }

  private void listModels(Context ctx) {
    ArrayNode a = Views.array();
    var store = access().store();
    store.models().forEach(m -> a.add(RegistryJson.modelSummary(m, store)));
    ctx.json(Json.object().set("models", a));
  }

  private void getModel(Context ctx) {
    Model m = model(ctx);
    var store = access().store();
    ctx.json(RegistryJson.model(m, store, store.runs()));
  }

  private void getVersion(Context ctx) {
    Model m = model(ctx);
    int n = versionNumber(ctx.pathParam("version"));
    var store = access().store();
    ModelVersion v = store.version(m.name(), n).orElseThrow(() -> Problem.notFound("model " + m.name()
        + " has no version " + n));
    ctx.json(RegistryJson.version(v, store.aliases(m.name()), store.runs().stream().filter(v::evaluatedBy).count()));
  }

  private void aliases(Context ctx) {
    Model m = model(ctx);
    ObjectNode o = Json.object();
    o.put("model", m.name());
    ObjectNode al = o.putObject("aliases");
    access().store().aliases(m.name()).forEach(al::put);
    ctx.json(o);
  }

  private void history(Context ctx) {
    Model m = model(ctx);
    String alias = Params.text(ctx, "alias", 100);
    ObjectNode o = Json.object();
    o.put("model", m.name());
    ArrayNode a = o.putArray("moves");
    for (AliasMove mv : access().store().aliasHistory(m.name())) {
      if (alias == null || mv.alias().equals(alias)) {
        a.add(RegistryJson.move(mv));
      }
    }
    ctx.json(o);
  }

  /** Registers the system of a stored run as the model's next version (the model is made when new). */
  private void registerVersion(Context ctx) {
    String name = ctx.pathParam("model");
    if (!Model.validName(name)) {
      throw Problem.invalidId("model name", "a model name is " + Model.NAME_RULE);
    }
    RegistryAccess access = access();
    JsonNode body = server.bodies().json(ctx);
    String run = text(body, "run_id", true);
    ModelRegistry.Metadata meta = new ModelRegistry.Metadata(text(body, "description", false),
        text(body, "source_commit", false), text(body, "artifact_uri", false));
    Ids.run(run);
    if (access.store().run(run).isEmpty()) {
      throw Problem.notFound("no run " + run);
    }
    ModelVersion v = access.models(ServerContext.principal(ctx)).registerRun(name, run, meta, null);
    ctx.status(201);
    ctx.json(RegistryJson.version(v, access.store().aliases(name),
        access.store().runs().stream().filter(v::evaluatedBy).count()));
  }

  /**
   * Moves an alias when the stored verdicts satisfy the model's policy. A refusal is an answer, not
   * an error: 200 with {@code moved: false} and each unmet requirement. {@code override_reason}
   * moves it anyway, for admins only (403 otherwise), and is recorded as an override.
   */
  private void promote(Context ctx) {
    Model m = model(ctx);
    JsonNode body = server.bodies().json(ctx);
    JsonNode version = body.get("version");
    if (version == null || !version.canConvertToInt() || version.asInt() < 1) {
      throw Problem.badRequest("the body needs \"version\": a version number (1, 2, ...)");
    }
    String alias = text(body, "alias", true);
    String reason = text(body, "override_reason", false);
    if (reason != null && reason.isBlank()) {
      throw Problem.badRequest("an override needs a reason: \"override_reason\" saying why the evidence is not needed");
    }
    Principal caller = ServerContext.principal(ctx);
    if (reason != null && !caller.role().includes(Role.ADMIN)) {
      throw Problem.forbidden("only an admin may override a promotion policy; the token '" + caller.name()
          + "' has " + caller.role().wire());
    }
    ModelRegistry.PromotionResult result;
    try {
      result = access().models(caller).promote(m.name(), version.asInt(), alias, reason);
    } catch (NotAllowedException e) {
      throw Problem.forbidden(e.getMessage());
    }
    ctx.json(RegistryJson.promotion(result));
  }

  private void rollback(Context ctx) {
    Model m = model(ctx);
    JsonNode body = server.bodies().json(ctx);
    String alias = text(body, "alias", true);
    String reason = text(body, "reason", false);
    AliasMove move = access().models(ServerContext.principal(ctx)).rollback(m.name(), alias, reason);
    ctx.json(RegistryJson.move(move));
  }

  private void auditEntries(Context ctx) {
    String since = Params.text(ctx, "since", 40);
    String subject = Params.text(ctx, "subject", 300);
    int limit = Params.limit(ctx, 500, MAX_ENTRIES);
    Instant from = since == null ? null : Durations.since(since, server.clock().instant(), "since");
    List<AuditEntry> entries = access().store().log().entries(new AuditLog.Query(from, subject, limit));
    ArrayNode a = Views.array();
    entries.forEach(e -> a.add(e.toJson()));
    ctx.json(Json.object().set("entries", a));
  }

  private void scorecard(Context ctx) {
    ctx.json(scorecardOf(ctx).toJson());
  }

  /** The scorecard a request asks for: {@code since} (default 90d) and {@code model} (default every model). */
  dev.assay.registry.scorecard.Scorecard scorecardOf(Context ctx) {
    String since = Params.text(ctx, "since", 40);
    String model = Params.text(ctx, "model", 100);
    if (model != null && !Model.validName(model)) {
      throw Problem.badRequest("model: a model name is " + Model.NAME_RULE);
    }
    Instant from = Durations.since(since == null ? "90d" : since, server.clock().instant(), "since");
    if (model != null && access().store().model(model).isEmpty()) {
      throw Problem.notFound("no model " + model);
    }
    return access().scorecard(from, model);
  }

  static int versionNumber(String text) {
    if (text == null || !text.matches("[1-9]\\d{0,8}")) {
      throw Problem.invalidId("version", "a version is a number: 1, 2, 3...");
    }
    return Integer.parseInt(text);
  }

  private static String text(JsonNode body, String field, boolean required) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw Problem.badRequest("the body needs \"" + field + "\"");
      }
      return null;
    }
    if (!n.isTextual() || n.textValue().length() > 2000) {
      throw Problem.badRequest("\"" + field + "\" must be a string of at most 2000 characters, not "
          + Excerpt.of(n.toString()));
    }
    return n.textValue();
  }
}
