package dev.assay.registry.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;

/**
 * One thing {@code assay audit verify} found wrong.
 *
 * @param seq the entry that does not match, or 0 when the problem is an object the log never
 *     recorded (it names no entry)
 * @param subject what the finding is about ({@code run:...}, {@code log:audit})
 * @param problem one sentence
 */
public record AuditFinding(long seq, String subject, String problem) {
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    if (seq > 0) {
      o.put("entry", seq);
    } else {
      o.putNull("entry");
    }
    o.put("subject", subject);
    o.put("problem", problem);
    return o;
  }

  @Override
  public String toString() {
    return (seq > 0 ? "entry " + seq + ": " : "") + subject + ": " + problem;
  }
}
