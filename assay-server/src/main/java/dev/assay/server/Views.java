package dev.assay.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.DatasetInfo;
import dev.assay.core.Example;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.Plan;
import dev.assay.core.ResultStats;
import dev.assay.core.RunRecord;
import dev.assay.core.VerdictRecord;
import dev.assay.store.StoredToken;

/** The JSON shapes of the REST API (documented in openapi.json, checked by OpenApiContractTest). */
public final class Views {
  private Views() {}

  /** A run as listed: the header without suite, spec, engine and lineage. */
  public static ObjectNode runSummary(RunRecord r, ResultStats live) {
    ObjectNode o = Json.object();
    o.put("run_id", r.runId());
    o.put("suite_name", r.suiteName());
    o.put("system_name", r.systemName());
    o.put("status", r.status().wire());
    o.put("started_at", r.startedAt() == null ? null : r.startedAt().toString());
    o.put("ended_at", r.endedAt() == null ? null : r.endedAt().toString());
    o.put("dataset_hash", r.datasetHash());
    o.put("dataset_size", r.datasetSize());
    o.put("repeats", r.repeats());
    ObjectNode counts = o.putObject("counts");
    if (live != null) {
      counts.put("ok", live.ok());
      counts.put("error", live.errors());
    } else {
      counts.put("ok", r.counts().ok());
      counts.put("error", r.counts().error());
    }
    o.set("aggregates", Json.RECORDS.valueToTree(r.aggregates()));
    o.put("failure", r.failure());
    return o;
  }

  public static ObjectNode stats(ResultStats s, long expected) {
    ObjectNode o = Json.object();
    o.put("stored", s.stored());
    o.put("ok", s.ok());
    o.put("errors", s.errors());
    o.put("expected", expected);
    if (s.last() == null) {
      o.putNull("last");
    } else {
      ObjectNode last = o.putObject("last");
      last.put("index", s.last().index());
      last.put("repeat", s.last().repeat());
      last.put("id", s.lastId());
    }
    return o;
  }

  /** A per-example result as the run export writes it, with its example when the dataset is known. */
  public static ObjectNode example(ExampleResult r, Example e) {
    ObjectNode o = (ObjectNode) Json.RECORDS.valueToTree(r);
    o.put("ok", r.ok());
    if (e != null) {
      ObjectNode ex = o.putObject("example");
      ex.set("input", e.input());
      ex.set("reference", e.reference());
      ObjectNode tags = ex.putObject("tags");
      e.tags().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
          .forEach(t -> tags.put(t.getKey(), t.getValue()));
    }
    return o;
  }

  public static ObjectNode verdictSummary(VerdictRecord v) {
    ObjectNode o = Json.object();
    o.put("verdict_id", v.id());
    o.put("created_at", v.createdAt().toString());
    o.put("verdict", v.verdict().name());
    o.put("suite_name", v.suiteName());
    o.put("baseline_system", v.baselineSystem());
    o.put("candidate_system", v.candidateSystem());
    o.put("baseline_run", v.baselineRun());
    o.put("candidate_run", v.candidateRun());
    o.put("plan_status", v.planStatus());
    o.put("plan_hash", v.planHash());
    return o;
  }

  public static ObjectNode verdict(VerdictRecord v) {
    return (ObjectNode) Json.RECORDS.valueToTree(v);
  }

  public static ObjectNode plan(Plan p) {
    return p.toJson();
  }

  public static ObjectNode dataset(DatasetInfo d) {
    ObjectNode o = Json.object();
    o.put("hash", d.hash());
    o.put("source", d.source());
    o.put("size", d.size());
    return o;
  }

  public static ObjectNode token(StoredToken t) {
    ObjectNode o = Json.object();
    o.put("id", t.id());
    o.put("name", t.name());
    o.put("role", t.role());
    o.put("created_at", t.createdAt().toString());
    o.put("revoked_at", t.revokedAt() == null ? null : t.revokedAt().toString());
    return o;
  }

  static ArrayNode array() {
    return Json.MAPPER.createArrayNode();
  }

  static JsonNode nullable(String s) {
    return s == null ? Json.MAPPER.nullNode() : Json.MAPPER.getNodeFactory().textNode(s);
  }
}
