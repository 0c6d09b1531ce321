package dev.assay.registry.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.audit.AuditEntry;
import dev.assay.core.io.AtomicFiles;
import dev.assay.core.io.InputFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The head of the audit log written to a file outside the store ({@code assay audit checkpoint}):
 * the sequence number and hash of the last entry. Whoever rewrites the log, truncates it or
 * rebuilds its whole chain cannot make it agree with a checkpoint they cannot also edit; keep
 * checkpoints where the store's writers cannot reach them (docs/audit.md).
 *
 * @param seq the last entry's sequence number
 * @param hash the last entry's hash
 * @param at when the checkpoint was taken
 * @param store the store file, for people
 */
public record AuditCheckpoint(long seq, String hash, Instant at, String store) {
  public static final int FORMAT_VERSION = 1;
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public static AuditCheckpoint of(AuditEntry head, Instant at, String store) {
    return new AuditCheckpoint(head.seq(), head.hash(), at, store);
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("format_version", FORMAT_VERSION);
    o.put("seq", seq);
    o.put("hash", hash);
    o.put("at", at.toString());
    o.put("store", store);
    return o;
  }

  /** Writes the checkpoint whole or not at all. */
  public void write(Path file) {
    AtomicFiles.write(file, toJson().toPrettyString() + "\n");
  }

  /** Reads a checkpoint file; a malformed one is an input error naming the file and field. */
  public static AuditCheckpoint read(Path file) {
    String text = InputFiles.readText(file, file.toString(), "an audit checkpoint (JSON)", 1 << 16);
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InputException(file, 0, null, "not valid JSON", "a file written by assay audit checkpoint");
    }
    if (node == null || !node.isObject() || node.path("format_version").asInt(-1) != FORMAT_VERSION) {
      throw new InputException(file, 0, "format_version", "not an audit checkpoint of format " + FORMAT_VERSION,
          "a file written by assay audit checkpoint");
    }
    JsonNode seq = node.get("seq");
    if (seq == null || !seq.canConvertToLong() || !seq.isIntegralNumber() || seq.longValue() < 1) {
      throw new InputException(file, 0, "seq", "missing or not a positive integer", "the last entry's number");
    }
    String hash = node.path("hash").asText("");
    if (!HEX.matcher(hash).matches()) {
      throw new InputException(file, 0, "hash", "missing or not a sha256 in hex", "64 lower-case hex digits");
    }
    Instant at;
    try {
      at = Instant.parse(node.path("at").asText(""));
    } catch (DateTimeParseException e) {
      throw new InputException(file, 0, "at", "not an ISO-8601 instant", "e.g. 2026-01-31T12:00:00Z");
    }
    return new AuditCheckpoint(seq.longValue(), hash, at, node.path("store").asText(null));
  }
}
