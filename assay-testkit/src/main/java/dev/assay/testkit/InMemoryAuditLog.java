package dev.assay.testkit;

import dev.assay.core.audit.AuditEntry;
import dev.assay.core.audit.AuditEvent;
import dev.assay.core.audit.AuditLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An {@link AuditLog} held in memory. Keeps every invariant of {@link AuditLog} except durability;
 * {@link #forEach} calls the consumer outside the monitor, on a copy.
 */
public final class InMemoryAuditLog implements AuditLog {
  private final List<AuditEntry> entries = new ArrayList<>();
  private boolean started;

  @Override
  public synchronized AuditEntry append(Instant at, String actor, AuditEvent event) {
    AuditEntry next = AuditEntry.next(entries.isEmpty() ? null : entries.get(entries.size() - 1), at, actor, event);
    entries.add(next);
    return next;
  }

  @Override
  public synchronized boolean started() {
    return started;
  }

  @Override
  public synchronized boolean start(Instant at, String actor, List<AuditEvent> adopted) {
    if (started) {
      return false;
    }
    adopted.forEach(e -> append(at, actor, e));
    started = true;
    return true;
  }

  @Override
  public synchronized Optional<AuditEntry> last() {
    return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
  }

  @Override
  public void forEach(Consumer<AuditEntry> consumer) {
    List<AuditEntry> copy;
    synchronized (this) {
      copy = new ArrayList<>(entries);
    }
    copy.forEach(consumer);
  }
}
