package dev.assay.core.audit;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One state change as the audit log records it, before the log gives it a place in its chain.
 *
 * <p>Invariants: {@code action} is a dotted lower-case word ({@code run.created}, {@code
 * alias.override}); {@code subjects} is not empty and each subject is {@code KIND:ID} ({@code
 * run:0190...}, {@code version:retriever@2}); {@code contentHash} is the sha256 of the subject's
 * content after the change (null when there is none left, as after a deletion).
 *
 * @param action what happened
 * @param subjects what it happened to, the primary subject first
 * @param contentHash sha256 hex of the first subject's content after the change, or null
 */
public record AuditEvent(String action, List<String> subjects, String contentHash) {
  private static final Pattern ACTION = Pattern.compile("[a-z]+(\\.[a-z_]+)+");

  public AuditEvent {
    Objects.requireNonNull(action, "action");
    if (!ACTION.matcher(action).matches()) {
      throw new IllegalArgumentException("an audit action is a dotted lower-case word, got '" + action + "'");
    }
    subjects = List.copyOf(subjects);
    if (subjects.isEmpty()) {
      throw new IllegalArgumentException("an audit event needs a subject");
    }
    for (String s : subjects) {
      if (s.indexOf(':') <= 0) {
        throw new IllegalArgumentException("an audit subject is KIND:ID, got '" + s + "'");
      }
    }
  }

  public static AuditEvent of(String action, String contentHash, String... subjects) {
    return new AuditEvent(action, List.of(subjects), contentHash);
  }
}
