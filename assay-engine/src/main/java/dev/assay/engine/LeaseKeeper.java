package dev.assay.engine;

import dev.assay.core.InputException;
import dev.assay.core.RunLease;
import dev.assay.core.Store;
import dev.assay.core.text.HumanTime;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Holds the lease on one run while an engine writes its results ({@link RunLease}): takes it,
 * renews it every third of its time to live on a daemon thread, and gives it up when closed. A
 * holder that stops renewing blocks the run only until the lease expires; a holder on this host
 * whose process is gone (killed with SIGKILL, crashed) does not block it at all, since it can never
 * renew. Process ids are compared only on the same host name: a lease taken on another machine
 * (a shared store file) always waits for its expiry.
 *
 * <p>Should a renewal find the lease gone (the process stalled past the expiry and another took
 * the run), {@link #lost()} turns true and the engine stops taking examples: two writers never
 * continue side by side.
 */
final class LeaseKeeper implements AutoCloseable {
  /** How long a lease lasts without a heartbeat, unless {@value #TTL_VARIABLE} says otherwise. */
  static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
  /** The environment variable that sets the lease's time to live, in seconds (2 to 3,600). */
  static final String TTL_VARIABLE = "ASSAY_RUN_LEASE_SECONDS";

  private static final String HOST = host();

  private final Store store;
  private final Clock clock;
  private final Duration ttl;
  private final RunLease lease;
  private final ScheduledExecutorService heartbeat;
  private volatile boolean lost;

  private LeaseKeeper(Store store, Clock clock, Duration ttl, RunLease lease) {
    this.store = store;
    this.clock = clock;
    this.ttl = ttl;
    this.lease = lease;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "assay-lease-" + lease.runId());
      t.setDaemon(true);
      return t;
    });
    long period = Math.max(1, ttl.toMillis() / 3);
    heartbeat.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the lease on {@code runId}.
   *
   * @param action {@code run} for a new run, {@code resume} for a resumed one (shown to others)
   * @throws InputException naming the holder when another process (or engine) holds the run
   */
  static LeaseKeeper take(Store store, String runId, String action, Clock clock, Duration ttl) {
    Instant now = clock.instant();
    RunLease wanted = new RunLease(runId, UUID.randomUUID().toString(), action, ProcessHandle.current().pid(), HOST,
        now, now, now.plus(ttl));
    RunLease holder = store.acquireLease(wanted, now);
    if (!holder.heldBy(wanted.owner()) && abandoned(holder)) {
      // Releasing by the dead holder's owner id removes only that lease, so of several processes
      // doing this at once, the store's atomic acquire still lets exactly one take the run.
      store.releaseLease(holder.runId(), holder.owner());
      holder = store.acquireLease(wanted, now);
    }
    if (!holder.heldBy(wanted.owner())) {
      throw held(holder);
    }
    return new LeaseKeeper(store, clock, ttl, holder);
  }

  /**
   * Fails when another holder has an unexpired lease on {@code runId}: lets a resume refuse before
   * it starts systems (the lease itself is taken by the engine).
   *
   * @throws InputException naming the holder
   */
  static void requireFree(Store store, String runId, Clock clock) {
    store.lease(runId).filter(l -> !l.expiredAt(clock.instant()) && !abandoned(l)).ifPresent(l -> {
      throw held(l);
    });
  }

  /**
   * Whether {@code l}'s holder is known to be gone: it was taken on this host by a process that no
   * longer runs. A reused process id reads as alive, so the lease is then kept until it expires;
   * this process's own id always reads as alive (another engine in it holds the run).
   */
  static boolean abandoned(RunLease l) {
    return l.host().equals(HOST) && l.pid() != ProcessHandle.current().pid()
        && ProcessHandle.of(l.pid()).map(p -> !p.isAlive()).orElse(true);
  }

  /** The error a second writer gets: who holds the run, since when, and until when it waits. */
  static InputException held(RunLease l) {
    return InputException.of("run " + l.runId() + " is being " + (l.action().equals("run") ? "run" : "resumed")
        + " by process " + l.pid() + " on " + l.host() + " since " + HumanTime.of(l.acquiredAt())
        + " (last heartbeat " + HumanTime.of(l.heartbeatAt()) + ")",
        "one writer per run; if that process is gone, its lease expires at "
            + HumanTime.of(l.expiresAt()) + " and the run can be resumed then");
  }

  /** The time to live {@code env} asks for ({@value #TTL_VARIABLE}), else the default. */
  static Duration ttl(java.util.Map<String, String> env) {
    String v = env == null ? null : env.get(TTL_VARIABLE);
    if (v == null || v.isBlank()) {
      return DEFAULT_TTL;
    }
    try {
      long seconds = Long.parseLong(v.strip());
      if (seconds >= 2 && seconds <= 3600) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw InputException.of("environment variable " + TTL_VARIABLE + " is '" + dev.assay.core.text.Excerpt.of(v) + "'",
        "a whole number of seconds from 2 to 3,600");
  }

  /** Whether the lease was found taken by another holder: the engine must stop writing. */
  boolean lost() {
    return lost;
  }

  private void renew() {
    if (lost) {
      return;
    }
    try {
      Instant now = clock.instant();
      if (!store.renewLease(lease.runId(), lease.owner(), now, now.plus(ttl))) {
        lost = true;
      }
    } catch (RuntimeException e) {
      // A store that cannot be written now may recover before the lease expires; the next
      // heartbeat tries again, and the journal's own writes report a store that stays broken.
    }
  }

  /** Stops the heartbeat and gives the lease up (unless it was lost to another holder). */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      heartbeat.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      store.releaseLease(lease.runId(), lease.owner());
    } catch (RuntimeException e) {
      // The lease then lapses at its expiry; nothing is lost but a short wait for the next resume.
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException | RuntimeException e) {
      String env = System.getenv("HOSTNAME");
      return env == null || env.isBlank() ? "an unknown host" : env;
    }
  }
}
