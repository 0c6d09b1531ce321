package dev.assay.core.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The append-only, hash-chained log of state changes (docs/audit.md). Plug-in point beside {@link
 * dev.assay.core.Store}, with the conformance suite {@code AuditLogConformance} in assay-testkit.
 *
 * <p>Invariants every implementation keeps:
 *
 * <ul>
 *   <li>{@link #append} places the entry after the current last one atomically, with {@link
 *       AuditEntry#next}: concurrent appends (threads or processes) never share a {@code seq} nor
 *       fork the chain; it returns once the entry is durable;
 *   <li>nothing in this interface changes or removes an entry;
 *   <li>entries read back exactly as appended (every field, the instant to the millisecond);
 *   <li>{@link #start} happens once per log: the adopted events are appended only while the log
 *       was never started, and starting is recorded atomically with them.
 * </ul>
 */
public interface AuditLog {
  /** Appends one entry after the last; returns it as stored. */
  AuditEntry append(Instant at, String actor, AuditEvent event);

  /** Whether the log was started ({@link #start}). */
  boolean started();

  /**
   * Starts the log, once: appends {@code adopted} (entries for what existed before the log, in
   * order) unless the log was started already, and marks it started.
   *
   * @return whether this call started it
   */
  boolean start(Instant at, String actor, List<AuditEvent> adopted);

  /** The last entry, if any. */
  Optional<AuditEntry> last();

  /** Every entry in {@code seq} order (as stored: a tampered log may have gaps), streamed. */
  void forEach(Consumer<AuditEntry> consumer);

  /** Entries matching {@code query}, in {@code seq} order. */
  default List<AuditEntry> entries(Query query) {
    List<AuditEntry> out = new ArrayList<>();
    forEach(e -> {
      if (query.matches(e)) {
        out.add(e);
      }
    });
    return query.limit() > 0 && out.size() > query.limit() ? out.subList(out.size() - query.limit(), out.size()) : out;
  }

  /**
   * Which entries to list.
   *
   * @param since only entries at or after this instant, or null for all
   * @param subject only entries about this subject ({@code KIND:ID} or a bare id), or null
   * @param limit at most this many, the latest (0: no limit)
   */
  record Query(Instant since, String subject, int limit) {
    public static final Query ALL = new Query(null, null, 0);

    public boolean matches(AuditEntry e) {
      return (since == null || !e.at().isBefore(since)) && (subject == null || e.concerns(subject));
    }
  }
}
