package dev.assay.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.core.RunRecord;
import dev.assay.core.registry.AliasMove;
import dev.assay.core.registry.Model;
import dev.assay.core.registry.ModelVersion;
import dev.assay.core.registry.PolicyRecord;
import dev.assay.core.registry.Registry;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of registry records, one for each: what {@code assay models ... --format json}
 * prints and what the server's {@code /api/v1/models} routes answer, so the two never drift apart.
 */
public final class RegistryJson {
  private RegistryJson() {}

  /** A model in a list: name, when, description, how many versions, aliases, policy revision (0: none). */
  public static ObjectNode modelSummary(Model m, Registry registry) {
    ObjectNode o = Json.object();
    o.put("name", m.name());
    o.put("created_at", m.createdAt().toString());
    o.put("description", m.description());
    o.put("versions", registry.versions(m.name()).size());
    ObjectNode al = o.putObject("aliases");
    registry.aliases(m.name()).forEach(al::put);
    o.put("policy_revision", registry.policy(m.name()).map(PolicyRecord::revision).orElse(0));
    return o;
  }

  /**
   * A model in full: aliases, its current policy (or null) and every version with the number of
   * {@code runs} evaluated with it.
   */
  public static ObjectNode model(Model m, Registry registry, List<RunRecord> runs) {
    ObjectNode o = Json.object();
    o.put("name", m.name());
    o.put("created_at", m.createdAt().toString());
    o.put("created_by", m.actor());
    o.put("description", m.description());
    Map<String, Integer> aliases = registry.aliases(m.name());
    ObjectNode al = o.putObject("aliases");
    aliases.forEach(al::put);
    PolicyRecord policy = registry.policy(m.name()).orElse(null);
    if (policy == null) {
      o.putNull("policy");
    } else {
      o.set("policy", policy(policy));
    }
    ArrayNode a = o.putArray("versions");
    registry.versions(m.name()).forEach(v -> a.add(version(v, aliases, runs.stream().filter(v::evaluatedBy).count())));
    return o;
  }

  /** A policy revision: number, when, by whom, from which file, and its YAML text. */
  public static ObjectNode policy(PolicyRecord policy) {
    ObjectNode p = Json.object();
    p.put("revision", policy.revision());
    p.put("set_at", policy.setAt().toString());
    p.put("set_by", policy.actor());
    p.put("source", policy.source());
    p.put("text", policy.text());
    return p;
  }

  /** A version with the aliases that hold it (from {@code aliases}) and the number of its runs. */
  public static ObjectNode version(ModelVersion v, Map<String, Integer> aliases, long runs) {
    ObjectNode o = Json.object();
    o.put("model", v.model());
    o.put("version", v.number());
    o.put("registered_at", v.createdAt().toString());
    o.put("registered_by", v.actor());
    o.set("system_spec", v.system().toJson());
    o.put("spec_hash", v.specHash());
    o.put("content_hash", v.contentHash());
    o.put("description", v.description());
    o.put("source_commit", v.sourceCommit());
    o.put("artifact_uri", v.artifactUri());
    o.put("source_run", v.sourceRun());
    o.put("runs", runs);
    ArrayNode a = o.putArray("aliases");
    aliases.forEach((alias, n) -> {
      if (n == v.number()) {
        a.add(alias);
      }
    });
    return o;
  }

  /** An alias move: kind (promotion, override, rollback), from and to, evidence or reason, detail. */
  public static ObjectNode move(AliasMove m) {
    ObjectNode o = Json.object();
    o.put("move_id", m.id());
    o.put("at", m.at().toString());
    o.put("actor", m.actor());
    o.put("alias", m.alias());
    o.put("kind", m.kind().wire());
    if (m.from() == null) {
      o.putNull("from");
    } else {
      o.put("from", m.from());
    }
    o.put("to", m.to());
    o.put("reason", m.reason());
    ArrayNode e = o.putArray("evidence");
    m.evidence().forEach(e::add);
    o.set("detail", m.detail());
    return o;
  }

  /** The outcome of a promotion request: the evaluation, whether the alias moved, and the move. */
  public static ObjectNode promotion(ModelRegistry.PromotionResult result) {
    ObjectNode o = result.promotion().toJson();
    o.put("moved", result.moved());
    o.set("move", result.moved() ? move(result.move()) : null);
    return o;
  }
}
