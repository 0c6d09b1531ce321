package dev.assay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.assay.core.audit.AuditEntry;
import dev.assay.core.audit.AuditEvent;
import dev.assay.core.audit.AuditLog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link AuditLog} keeps, as JUnit 5 tests. Extend it and implement {@link
 * #openLog} (and {@link #closeLog} when the log lives in something that must be closed).
 */
public abstract class AuditLogConformance {
  @TempDir protected Path dir;

  protected AuditLog log;

  /** Opens a log keeping its entries under {@code dir}; called again on the same folder to test reopening. */
  protected abstract AuditLog openLog(Path dir);

  protected void closeLog() {}

  protected boolean supportsReopen() {
    return true;
  }

  @BeforeEach
  void openFresh() {
    log = openLog(dir);
  }

  @AfterEach
  void close() {
    closeLog();
  }

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456789Z");

  static AuditEvent event(int i) {
    return new AuditEvent("run.created", List.of("run:r" + i, "model:m\u00fc"), i % 3 == 0 ? null : "h" + i);
  }

  @Test
  void aNewLogIsEmptyAndNotStarted() {
    assertThat(log.last()).isEmpty();
    assertThat(log.started()).isFalse();
    List<AuditEntry> all = new ArrayList<>();
    log.forEach(all::add);
    assertThat(all).isEmpty();
  }

  @Test
  void appendsChainEachEntryToTheOneBeforeAndReadBackExactly() {
    List<AuditEntry> appended = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      appended.add(log.append(T0.plusSeconds(i), "local:alice", event(i)));
    }
    assertThat(appended.get(0).seq()).isEqualTo(1);
    assertThat(appended.get(0).previousHash()).isEqualTo(AuditEntry.GENESIS);
    for (int i = 1; i < appended.size(); i++) {
      assertThat(appended.get(i).seq()).isEqualTo(i + 1);
      assertThat(appended.get(i).previousHash()).isEqualTo(appended.get(i - 1).hash());
    }
    appended.forEach(e -> assertThat(e.computeHash()).isEqualTo(e.hash()));
    assertThat(appended.get(0).at()).as("kept to the millisecond").isEqualTo(Instant.parse("2026-03-01T10:00:01.123Z"));
    List<AuditEntry> read = new ArrayList<>();
    log.forEach(read::add);
    assertThat(read).isEqualTo(appended);
    assertThat(log.last()).contains(appended.get(4));
    assertThat(read.get(2).contentHash()).isNull();
  }

  @Test
  void startAdoptsOnceAndOnlyOnce() {
    assertThat(log.start(T0, "local:alice", List.of(event(1), event(2)))).isTrue();
    assertThat(log.started()).isTrue();
    assertThat(log.start(T0, "local:alice", List.of(event(3)))).isFalse();
    log.append(T0, "local:bob", event(4));
    List<AuditEntry> all = new ArrayList<>();
    log.forEach(all::add);
    assertThat(all).extracting(e -> e.subjects().get(0)).containsExactly("run:r1", "run:r2", "run:r4");
  }

  @Test
  void queriesFilterByTimeAndSubjectAndKeepTheLatest() {
    for (int i = 1; i <= 6; i++) {
      log.append(T0.plusSeconds(i * 60L), "a", event(i));
    }
    assertThat(log.entries(new AuditLog.Query(T0.plusSeconds(240).truncatedTo(java.time.temporal.ChronoUnit.MILLIS), null, 0))).extracting(AuditEntry::seq)
        .containsExactly(4L, 5L, 6L);
    assertThat(log.entries(new AuditLog.Query(null, "r2", 0))).extracting(AuditEntry::seq).containsExactly(2L);
    assertThat(log.entries(new AuditLog.Query(null, "run:r3", 0))).extracting(AuditEntry::seq).containsExactly(3L);
    assertThat(log.entries(new AuditLog.Query(null, "model:m\u00fc", 2))).extracting(AuditEntry::seq)
        .containsExactly(5L, 6L);
  }

  @Test
  @Timeout(60)
  void concurrentAppendsNeverForkTheChain() throws Exception {
    int threads = 4;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      futures.add(pool.submit(() -> {
        go.await();
        for (int i = 0; i < each; i++) {
          log.append(T0, "thread-" + thread, event(thread * 1000 + i));
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> f : futures) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    List<AuditEntry> all = new ArrayList<>();
    log.forEach(all::add);
    assertThat(all).hasSize(threads * each);
    String previous = AuditEntry.GENESIS;
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).seq()).isEqualTo(i + 1);
      assertThat(all.get(i).previousHash()).isEqualTo(previous);
      assertThat(all.get(i).computeHash()).isEqualTo(all.get(i).hash());
      previous = all.get(i).hash();
    }
  }

  @Test
  void entriesAndTheStartSurviveCloseAndReopen() {
    assumeTrue(supportsReopen(), "this log keeps nothing after closing");
    log.start(T0, "a", List.of(event(1)));
    AuditEntry second = log.append(T0, "b", event(2));
    closeLog();
    log = openLog(dir);
    assertThat(log.started()).isTrue();
    assertThat(log.last()).contains(second);
    AuditEntry third = log.append(T0, "c", event(3));
    assertThat(third.previousHash()).isEqualTo(second.hash());
  }
}
