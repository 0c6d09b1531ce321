package dev.assay.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.InputException;
import dev.assay.core.RunLease;
import dev.assay.testkit.InMemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The engine's side of one writer per run: taking, refusing, freeing and losing a run's lease. */
class LeaseKeeperTest {
  final InMemoryStore store = new InMemoryStore();
  final Clock clock = Clock.systemUTC();

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aSecondKeeperIsRefusedNamingTheHolderAndTheRunIsFreeAfterClose() {
    try (LeaseKeeper first = LeaseKeeper.take(store, "r1", "resume", clock, Duration.ofSeconds(30))) {
      RunLease held = store.lease("r1").orElseThrow();
      assertThat(held.pid()).isEqualTo(ProcessHandle.current().pid());
      assertThat(held.action()).isEqualTo("resume");
      // In this very process (another engine): its own pid is alive, so the lease holds.
      assertThatThrownBy(() -> LeaseKeeper.take(store, "r1", "resume", clock, Duration.ofSeconds(30)))
          .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.render())
              .contains("run r1 is being resumed by process " + held.pid() + " on " + held.host() + " since ",
                  "its lease expires at "));
      assertThatThrownBy(() -> LeaseKeeper.requireFree(store, "r1", clock)).isInstanceOf(InputException.class);
    }
    assertThat(store.lease("r1")).as("given up on close").isEmpty();
    LeaseKeeper.requireFree(store, "r1", clock);
  }

  @Test
  void aLeaseOfADeadProcessOnThisHostIsTakenAtOnceOneFromAnotherHostIsNot() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    assertThat(gone.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Instant now = clock.instant();
    String host = hostOfThisProcess();
    RunLease dead = new RunLease("r-dead", "crashed", "run", gone.pid(), host, now, now, now.plusSeconds(3600));
    store.acquireLease(dead, now);
    assertThat(LeaseKeeper.abandoned(dead)).isTrue();
    LeaseKeeper.requireFree(store, "r-dead", clock);
    try (LeaseKeeper k = LeaseKeeper.take(store, "r-dead", "resume", clock, Duration.ofSeconds(30))) {
      assertThat(store.lease("r-dead").orElseThrow().pid()).isEqualTo(ProcessHandle.current().pid());
    }

    RunLease remote = new RunLease("r-remote", "elsewhere", "run", gone.pid(), "another-host-" + host, now, now,
        now.plusSeconds(3600));
    store.acquireLease(remote, now);
    assertThat(LeaseKeeper.abandoned(remote)).as("a pid on another host says nothing here").isFalse();
    assertThatThrownBy(() -> LeaseKeeper.take(store, "r-remote", "resume", clock, Duration.ofSeconds(30)))
        .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.render())
            .contains("is being run by process " + gone.pid() + " on another-host-"));
    assertThat(store.lease("r-remote")).contains(remote);
  }

  @Test
  @Timeout(60)
  void theHeartbeatRenewsTheLeaseAndNoticesWhenItWasTakenOver() throws Exception {
    Duration ttl = Duration.ofSeconds(2);
    try (LeaseKeeper k = LeaseKeeper.take(store, "r2", "run", clock, ttl)) {
      Instant firstExpiry = store.lease("r2").orElseThrow().expiresAt();
      while (!store.lease("r2").orElseThrow().expiresAt().isAfter(firstExpiry)) {
        Thread.sleep(50);
      }
      assertThat(k.lost()).isFalse();
      // Another process judged the lease expired (this one stalled) and took the run.
      RunLease current = store.lease("r2").orElseThrow();
      RunLease other = new RunLease("r2", "other", "resume", 1, "h", current.expiresAt(), current.expiresAt(),
          current.expiresAt().plusSeconds(60));
      assertThat(store.acquireLease(other, current.expiresAt())).isEqualTo(other);
      while (!k.lost()) {
        Thread.sleep(50);
      }
    }
    assertThat(store.lease("r2")).as("closing a lost lease leaves the new holder's")
        .hasValueSatisfying(l -> assertThat(l.owner()).isEqualTo("other"));
  }

  @Test
  void theTimeToLiveComesFromTheEnvironmentWithinItsRange() {
    assertThat(LeaseKeeper.ttl(Map.of())).isEqualTo(LeaseKeeper.DEFAULT_TTL);
    assertThat(LeaseKeeper.ttl(Map.of(LeaseKeeper.TTL_VARIABLE, " 5 "))).isEqualTo(Duration.ofSeconds(5));
    assertThat(LeaseKeeper.ttl(Map.of(LeaseKeeper.TTL_VARIABLE, "3600"))).isEqualTo(Duration.ofHours(1));
    for (String bad : new String[] {"1", "3601", "ten", "-5", "1e3"}) {
      assertThatThrownBy(() -> LeaseKeeper.ttl(Map.of(LeaseKeeper.TTL_VARIABLE, bad))).as(bad)
          .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.render())
              .contains("ASSAY_RUN_LEASE_SECONDS", "a whole number of seconds from 2 to 3,600"));
    }
  }

  /** The host name a lease taken here carries. */
  private String hostOfThisProcess() {
    try (LeaseKeeper k = LeaseKeeper.take(store, "probe", "run", clock, Duration.ofSeconds(30))) {
      return store.lease("probe").orElseThrow().host();
    }
  }
}
