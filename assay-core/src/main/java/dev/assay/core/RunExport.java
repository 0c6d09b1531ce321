package dev.assay.core;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.text.Excerpt;
import dev.assay.core.text.JsonProblem;
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
    JsonNode versionNode = doc.get("format_version");
    if (versionNode == null) {
      throw new InputException(source, 0, "format_version", "missing", "a file written by 'assay runs export'");
    }
    int version = versionNode.canConvertToInt() ? versionNode.asInt(-1) : -1;
    if (version < 1 || version > RunRecord.FORMAT_VERSION) {
      throw new InputException(source, 0, "format_version",
          "run record format " + Excerpt.of(versionNode.toString()) + " is not supported",
          "format 1.." + RunRecord.FORMAT_VERSION + "; a newer assay wrote this file");
    }
    ObjectNode header = obj.deepCopy();
    JsonNode examples = header.remove("examples");
    RunRecord run = bind(header, RunRecord.class, source, "", "");
    List<ExampleResult> results = new ArrayList<>();
    if (examples != null) {
      if (!examples.isArray()) {
        throw new InputException(source, 0, "examples", "not a list",
            "a list of per-example records, as written by 'assay runs export'");
      }
      for (int i = 0; i < examples.size(); i++) {
        JsonNode id = examples.get(i).path("id");
        String example = id.isTextual() ? "example '" + Excerpt.cut(id.textValue(), 80) + "': " : "";
        results.add(bind(examples.get(i), ExampleResult.class, source, "examples[" + i + "]", example));
      }
    }
    return new RunExport(run, results);
  }

  /**
   * @param what names the record in the problem ({@code example 'q3': }), or empty
   */
  private static <T> T bind(JsonNode node, Class<T> type, String source, String prefix, String what) {
    try {
      return Json.RECORDS.treeToValue(node, type);
    } catch (ValueInstantiationException e) {
      // A record's own invariant refused a value (a score of Infinity): its message is assay's,
      // written for people; Jackson's wrapper around it is not.
      String why = e.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null
          ? Excerpt.cut(iae.getMessage(), 200) : "a value of the wrong type or format";
      throw new InputException(source, 0, prefix.isEmpty() ? null : prefix, what + "malformed run record: " + why,
          "a file written by 'assay runs export'");
    } catch (JsonMappingException e) {
      // Jackson's words name Java types ("java.time.Instant"); say which field is wrong instead.
      String field = JsonProblem.field(e);
      String path = field == null ? prefix : prefix.isEmpty() ? field : prefix + "." + field;
      throw new InputException(source, 0, path.isEmpty() ? null : path,
          what + "malformed run record: a value of the wrong type or format", "a file written by 'assay runs export'");
    } catch (JsonProcessingException e) {
      throw new InputException(source, 0, prefix.isEmpty() ? null : prefix,
          what + "malformed run record: " + JsonProblem.words(e.getOriginalMessage()), "a file written by 'assay runs export'");
    }
  }
}
