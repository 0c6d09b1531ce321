package dev.assay.core.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the append-only audit log: a state change, who made it and when, chained to the
 * entry before it.
 *
 * <p>Invariants: {@code seq} counts from 1 without gaps; {@code previousHash} is the {@code hash}
 * of entry {@code seq - 1} ({@link #GENESIS} for entry 1); {@code hash} is {@link #computeHash()},
 * the sha256 of the canonical JSON of every other field. Changing, removing or reordering an entry
 * therefore breaks the chain at that entry or the next. {@code at} has millisecond precision, so
 * every store can keep it exactly.
 *
 * @param seq position in the log, from 1
 * @param at when the change was recorded (milliseconds)
 * @param actor who made it: {@code local:USER} on the command line, a token name on the server
 * @param action what happened ({@link AuditEvent#action()})
 * @param subjects what it happened to ({@link Subjects})
 * @param contentHash sha256 of the first subject's content after the change, null when none
 * @param previousHash the hash of the entry before
 * @param hash this entry's hash
 */
public record AuditEntry(long seq, Instant at, String actor, String action, List<String> subjects, String contentHash,
    String previousHash, String hash) {
  /** The previous hash of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(hash, "hash");
    subjects = List.copyOf(subjects);
  }

  /**
   * The entry that follows {@code previous} (null for the first entry of a log).
   *
   * @param at truncated to milliseconds
   */
  public static AuditEntry next(AuditEntry previous, Instant at, String actor, AuditEvent event) {
    long seq = previous == null ? 1 : previous.seq() + 1;
    String prev = previous == null ? GENESIS : previous.hash();
    Instant when = at.truncatedTo(ChronoUnit.MILLIS);
    String hash = hash(seq, when, actor, event.action(), event.subjects(), event.contentHash(), prev);
    return new AuditEntry(seq, when, actor, event.action(), event.subjects(), event.contentHash(), prev, hash);
  }

  /** The hash this entry's fields give; equal to {@link #hash()} unless the entry was altered. */
  public String computeHash() {
    return hash(seq, at, actor, action, subjects, contentHash, previousHash);
  }

  /** Whether {@code subject} is one of this entry's subjects, or the id of one ({@code 0190...} for {@code run:0190...}). */
  public boolean concerns(String subject) {
    for (String s : subjects) {
      if (s.equals(subject) || Subjects.id(s).equals(subject)) {
        return true;
      }
    }
    return false;
  }

  /** The entry as {@code assay audit export} writes it: one JSON object, every field. */
  public ObjectNode toJson() {
    ObjectNode o = body(seq, at, actor, action, subjects, contentHash, previousHash);
    o.put("hash", hash);
    return o;
  }

  private static String hash(long seq, Instant at, String actor, String action, List<String> subjects,
      String contentHash, String previousHash) {
    return Json.hash(body(seq, at, actor, action, subjects, contentHash, previousHash));
  }

  private static ObjectNode body(long seq, Instant at, String actor, String action, List<String> subjects,
      String contentHash, String previousHash) {
    ObjectNode o = Json.object();
    o.put("seq", seq);
    o.put("at", at.toString());
    o.put("actor", actor);
    o.put("action", action);
    ArrayNode s = o.putArray("subjects");
    subjects.forEach(s::add);
    o.put("content_hash", contentHash);
    o.put("previous_hash", previousHash);
    return o;
  }
}
