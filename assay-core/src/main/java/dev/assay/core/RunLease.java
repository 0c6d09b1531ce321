package dev.assay.core;

import java.time.Instant;
import java.util.Objects;

/**
 * The right to write a run's results: one holder at a time, so two {@code assay run --resume} of
 * one run cannot both execute the missing examples. The holder renews it (its heartbeat) while it
 * works; a lease that was not renewed before {@code expiresAt} is free, so a crashed holder blocks
 * the run only until then. Kept in the {@link Store} beside the run.
 *
 * @param runId the run
 * @param owner an identifier unique to the holder (one per engine execution), compared for equality
 * @param action what the holder does: {@code run} (started it) or {@code resume}
 * @param pid the holder's process id, for messages
 * @param host the holder's host name, for messages
 * @param acquiredAt when the holder took the lease
 * @param heartbeatAt when the holder last renewed it
 * @param expiresAt when the lease lapses unless renewed
 */
public record RunLease(String runId, String owner, String action, long pid, String host, Instant acquiredAt,
    Instant heartbeatAt, Instant expiresAt) {
  public RunLease {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(acquiredAt, "acquiredAt");
    Objects.requireNonNull(heartbeatAt, "heartbeatAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Whether the lease has lapsed at {@code now}: from then on anyone may take it. */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /**
   * The rule every store applies in {@link Store#acquireLease}: the lease that holds a run after
   * {@code wanted} asks for it at {@code now} while {@code current} (null for none) is stored.
   * An absent or expired lease yields {@code wanted}; the same owner's lease is renewed (its
   * {@code acquiredAt} kept); another owner's unexpired lease stays.
   */
  public static RunLease decide(RunLease current, RunLease wanted, Instant now) {
    if (current == null || current.expiredAt(now)) {
      return wanted;
    }
    if (current.heldBy(wanted.owner())) {
      return new RunLease(wanted.runId(), wanted.owner(), wanted.action(), wanted.pid(), wanted.host(),
          current.acquiredAt(), wanted.heartbeatAt(), wanted.expiresAt());
    }
    return current;
  }

  /** Whether {@code owner} holds this lease. */
  public boolean heldBy(String ownerId) {
    return owner.equals(ownerId);
  }
}
