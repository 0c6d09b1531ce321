package dev.assay.registry.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.core.audit.AuditEntry;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What {@code assay audit verify} found.
 *
 * @param entries how many entries the log holds
 * @param head the last entry, null for an empty log
 * @param checkpoint the checkpoint compared against, null when none was given
 * @param objects how many stored objects were compared with the log
 * @param findings every problem, entries in log order first, then objects the log never recorded
 */
public record AuditReport(long entries, AuditEntry head, AuditCheckpoint checkpoint, int objects,
    List<AuditFinding> findings) {
  public AuditReport {
    findings = findings.stream().sorted(Comparator.comparingLong((AuditFinding f) -> f.seq() == 0 ? Long.MAX_VALUE
        : f.seq())).toList();
  }

  /** Whether the log and the store agree. */
  public boolean ok() {
    return findings.isEmpty();
  }

  /** The earliest finding that names an entry (else the first finding). */
  public Optional<AuditFinding> first() {
    return findings.stream().findFirst();
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("ok", ok());
    o.put("entries", entries);
    if (head == null) {
      o.putNull("head");
    } else {
      o.putObject("head").put("seq", head.seq()).put("hash", head.hash());
    }
    o.set("checkpoint", checkpoint == null ? null : checkpoint.toJson());
    o.put("objects_checked", objects);
    if (first().isPresent() && first().get().seq() > 0) {
      o.put("first_mismatch", first().get().seq());
    } else {
      o.putNull("first_mismatch");
    }
    ArrayNode a = o.putArray("findings");
    findings.forEach(f -> a.add(f.toJson()));
    return o;
  }
}
