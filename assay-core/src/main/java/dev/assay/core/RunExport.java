package dev.assay.core;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A run record with its per-example records: what {@code assay runs export} writes.
 *
 * <p>The header's fields are unwrapped at the top level next to {@code examples}, ordered by
 * dataset position then repeat.
 */
public record RunExport(@JsonUnwrapped RunRecord run, List<ExampleResult> examples) {
  public RunExport {
    examples = List.copyOf(examples);
  }

  /**
   * Reads an exported run of this or any earlier format version.
   *
   * @param source names the document in messages
   * @throws InputException when the document is not a run record, or is of a newer format
   */
  public static RunExport read(JsonNode doc, String source) {
    if (!(doc instanceof ObjectNode obj) || !doc.has("run_id")) {
      throw new InputException(source, 0, null, "not an assay run record", "a file written by 'assay runs export'");
    }
    int version = doc.path("format_version").asInt(-1);
    if (version < 1 || version > RunRecord.FORMAT_VERSION) {
      throw new InputException(source, 0, "format_version",
          "run record format " + doc.path("format_version") + " is not supported",
          "format 1.." + RunRecord.FORMAT_VERSION + "; a newer assay wrote this file");
    }
    ObjectNode header = obj.deepCopy();
    JsonNode examples = header.remove("examples");
    try {
      RunRecord run = Json.RECORDS.treeToValue(header, RunRecord.class);
      List<ExampleResult> results = new ArrayList<>();
      if (examples != null) {
        for (JsonNode e : examples) {
          results.add(Json.RECORDS.treeToValue(e, ExampleResult.class));
        }
      }
      return new RunExport(run, results);
    } catch (JsonProcessingException e) {
      throw new InputException(source, 0, null, "malformed run record: " + e.getOriginalMessage(),
          "a file written by 'assay runs export'");
    }
  }
}
