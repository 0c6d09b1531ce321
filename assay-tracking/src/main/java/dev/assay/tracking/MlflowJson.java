package dev.assay.tracking;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Tracking objects as MLflow's REST API writes them: protobuf field names, absent values and empty
 * lists left out, 64-bit integers as JSON numbers (as MLflow's server writes them), enums by name,
 * and NaN and the infinities as the strings protobuf's JSON mapping uses.
 */
public final class MlflowJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private MlflowJson() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ObjectNode experiment(Experiment e) {
    ObjectNode o = NODES.objectNode();
    o.put("experiment_id", e.id());
    o.put("name", e.name());
    if (e.artifactLocation() != null) {
      o.put("artifact_location", e.artifactLocation());
    }
    o.put("lifecycle_stage", e.stage().wire());
    o.put("last_update_time", e.lastUpdateTime());
    o.put("creation_time", e.creationTime());
    putPairs(o, "tags", e.tags());
    return o;
  }

  public static ObjectNode runInfo(RunInfo i) {
    ObjectNode o = NODES.objectNode();
    o.put("run_id", i.runId());
    o.put("run_uuid", i.runId());
    o.put("run_name", i.runName());
    o.put("experiment_id", i.experimentId());
    if (i.userId() != null) {
      o.put("user_id", i.userId());
    }
    o.put("status", i.status().name());
    o.put("start_time", i.startTime());
    if (i.endTime() != null) {
      o.put("end_time", i.endTime());
    }
    if (i.artifactUri() != null) {
      o.put("artifact_uri", i.artifactUri());
    }
    o.put("lifecycle_stage", i.stage().wire());
    return o;
  }

  public static ObjectNode run(Run r) {
    ObjectNode o = NODES.objectNode();
    o.set("info", runInfo(r.info()));
    ObjectNode data = o.putObject("data");
    if (!r.metrics().isEmpty()) {
      ArrayNode metrics = data.putArray("metrics");
      r.metrics().forEach(m -> metrics.add(metric(m)));
    }
    putPairs(data, "params", r.params());
    putPairs(data, "tags", r.tags());
    o.putObject("inputs");
    return o;
  }

  public static ObjectNode metric(Metric m) {
    ObjectNode o = NODES.objectNode();
    o.put("key", m.key());
    if (Double.isNaN(m.value())) {
      o.put("value", "NaN");
    } else if (Double.isInfinite(m.value())) {
      o.put("value", m.value() > 0 ? "Infinity" : "-Infinity");
    } else {
      o.put("value", m.value());
    }
    o.put("timestamp", m.timestamp());
    o.put("step", m.step());
    return o;
  }

  /** The error body MLflow's server sends: {@code {"error_code": ..., "message": ...}}. */
  public static ObjectNode error(MlflowException e) {
    ObjectNode o = NODES.objectNode();
    o.put("error_code", e.code().name());
    o.put("message", e.getMessage());
    return o;
  }

  private static void putPairs(ObjectNode o, String field, List<KeyValue> pairs) {
    if (pairs.isEmpty()) {
      return;
    }
    ArrayNode a = o.putArray(field);
    for (KeyValue kv : pairs) {
      a.addObject().put("key", kv.key()).put("value", kv.value());
    }
  }
}
