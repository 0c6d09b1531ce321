package dev.assay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.CalibrationRecord;
import dev.assay.core.Counts;
import dev.assay.core.Dataset;
import dev.assay.core.DatasetInfo;
import dev.assay.core.ResultQuery;
import dev.assay.core.ResultStats;
import dev.assay.core.RunPage;
import dev.assay.core.RunQuery;
import dev.assay.core.EngineSettings;
import dev.assay.core.Example;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.Lineage;
import dev.assay.core.Plan;
import dev.assay.core.RunLease;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Score;
import dev.assay.core.Store;
import dev.assay.core.SystemSpec;
import dev.assay.core.Verdict;
import dev.assay.core.VerdictRecord;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link Store} keeps, as JUnit 5 tests. Extend it and implement {@link
 * #openStore}; every test then runs against your store.
 *
 * <p>What "round-trips" means here: every field of a {@link RunRecord} and {@link ExampleResult}
 * reads back equal, with two precisions. JSON-valued fields ({@code suite}, {@code systemSpec},
 * {@code output}) compare by {@link Json#canonical} form, so a store may reorder object keys or
 * print {@code 1.0} as {@code 1}, but must keep every digit, every character and the difference
 * between a null error and an empty one. Instants must keep at least
 * millisecond precision (the tests use millisecond instants). Doubles must round-trip exactly,
 * including NaN and the infinities, which JSON cannot spell.
 *
 * <p>Beyond the {@link Store} Javadoc, the suite fixes these choices so that implementations agree:
 * {@code updateRun} and {@code append} on an unknown run throw IllegalStateException; reads of an
 * unknown run are empty; {@code runs()} breaks ties on start time by run id, descending (run ids are
 * time-ordered UUIDv7); a key appended twice within one batch keeps the later result; a consumer
 * given to {@code forEachResult} may call back into the store, and an exception it throws reaches
 * the caller and leaves the store usable. The fixtures are well-formed runs: an example id always
 * comes with the same dataset index, as a dataset's unique ids guarantee.
 */
public abstract class StoreConformance {
  /** Seed of every random choice in this suite; printed in assertion messages. */
  protected static final long SEED = 0x5EEDL;

  @TempDir protected Path dir;

  /** The store under test; a test that reopens replaces it, and it is closed after each test. */
  protected Store store;

  /**
   * Opens a store keeping its data under {@code dir}. Called once per test, and again on the same
   * directory (after closing the first store) to test reopening: it must then return a new store
   * over the same data.
   */
  protected abstract Store openStore(Path dir);

  /** False for stores that keep nothing after {@code close()}; skips the reopen tests. */
  protected boolean supportsReopen() {
    return true;
  }

  @BeforeEach
  void openFreshStore() {
    store = openStore(dir);
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  // ---- run headers ----

  @Test
  void createdRunReadsBackWithEveryField() {
    RunRecord run = fullRun("run-full", Instant.parse("2024-05-01T12:34:56.789Z"));
    store.createRun(run);
    assertThat(store.run("run-full").map(StoreConformance::normalised)).contains(normalised(run));
  }

  @Test
  void nullFieldsOfARunReadBackAsNull() {
    RunRecord sparse =
        new RunRecord(RunRecord.FORMAT_VERSION, "run-sparse", "s", null, null, null, "sys", SYSTEM, null, null, null,
            0, 1, List.of(), null, null, new Lineage("0.1.0", null, null, "jvm", "os"), 0L, Instant.ofEpochMilli(0),
            null, RunStatus.RUNNING, Counts.ZERO, Map.of(), null);
    store.createRun(sparse);
    RunRecord back = store.run("run-sparse").orElseThrow();
    assertThat(back.lineage().gitCommit()).isNull();
    assertThat(back.lineage().gitDirty()).isNull();
    assertThat(back.suite()).isNull();
    assertThat(back.endedAt()).isNull();
    assertThat(back.contentHash()).isNull();
    assertThat(back.engine()).isNull();
    assertThat(back.cluster()).isNull();
    assertThat(normalised(back)).isEqualTo(normalised(sparse));
  }

  @Test
  void aggregatesKeepNaNAndInfinities() {
    Map<String, Double> aggregates = new LinkedHashMap<>();
    aggregates.put("nan", Double.NaN);
    aggregates.put("pos_inf", Double.POSITIVE_INFINITY);
    aggregates.put("neg_inf", Double.NEGATIVE_INFINITY);
    aggregates.put("tiny", Double.MIN_VALUE);
    aggregates.put("third", 1.0 / 3.0);
    RunRecord run = fullRun("run-nan", Instant.ofEpochMilli(1_700_000_000_123L))
        .finish(RunStatus.COMPLETED, Instant.ofEpochMilli(1_700_000_100_456L), new Counts(3, 1), aggregates);
    store.createRun(run);
    Map<String, Double> back = store.run("run-nan").orElseThrow().aggregates();
    assertThat(back.get("nan")).isNaN();
    assertThat(back).isEqualTo(aggregates);
  }

  @Test
  void duplicateRunIdIsRejectedAndTheFirstRunKept() {
    RunRecord first = fullRun("run-dup", Instant.ofEpochMilli(1000));
    store.createRun(first);
    RunRecord second = new RunRecord(first.formatVersion(), "run-dup", "other", null, null, null, "other", SYSTEM,
        null, null, null, 1, 1, List.of(), null, null, null, 1L, Instant.ofEpochMilli(2000), null, RunStatus.RUNNING,
        null, null, null);
    assertThatThrownBy(() -> store.createRun(second)).isInstanceOf(IllegalStateException.class);
    assertThat(store.run("run-dup").map(StoreConformance::normalised)).contains(normalised(first));
    assertThat(store.runs()).hasSize(1);
  }

  @Test
  void updateRunReplacesTheHeader() {
    RunRecord run = fullRun("run-upd", Instant.ofEpochMilli(5000));
    store.createRun(run);
    RunRecord finished = run.finish(RunStatus.ABORTED, Instant.ofEpochMilli(9000), new Counts(7, 2),
        Map.of("exact_match", 0.5, "latency_p50", 12.25));
    store.updateRun(finished);
    assertThat(store.run("run-upd").map(StoreConformance::normalised)).contains(normalised(finished));
    assertThat(store.runs()).extracting(RunRecord::status).containsExactly(RunStatus.ABORTED);
    store.updateRun(finished.reopen());
    assertThat(store.run("run-upd").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(store.run("run-upd").orElseThrow().endedAt()).isNull();
  }

  @Test
  void updatingAnUnknownRunFails() {
    assertThatThrownBy(() -> store.updateRun(fullRun("ghost", Instant.ofEpochMilli(1))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.run("ghost")).isEmpty();
  }

  @Test
  void runsAreListedNewestFirstWithTiesBrokenByRunIdDescending() {
    Instant base = Instant.parse("2024-01-01T00:00:00Z");
    List<RunRecord> expected = List.of(
        fullRun("r-e", base.plusMillis(5000)),
        fullRun("r-d2", base.plusMillis(4000)),
        fullRun("r-d1", base.plusMillis(4000)),
        fullRun("r-c", base.plusMillis(1)),
        fullRun("r-b", base),
        fullRun("r-a", base.minusSeconds(86_400L * 365)));
    List<RunRecord> shuffled = new ArrayList<>(expected);
    Collections.shuffle(shuffled, new Random(SEED));
    shuffled.forEach(store::createRun);
    assertThat(store.runs()).as("seed %d", SEED).extracting(RunRecord::runId)
        .containsExactly("r-e", "r-d2", "r-d1", "r-c", "r-b", "r-a");
  }

  /**
   * Pages through the runs with every combination of filters and both orders, and compares what the
   * pages hold with a slow oracle: the matching runs of {@code runs()}, sorted by (start, id).
   */
  @Test
  void runQueriesPageThroughTheMatchingRunsInOrder() {
    Random random = new Random(SEED);
    Instant base = Instant.parse("2024-03-01T00:00:00Z");
    List<String> suites = List.of("qa", "rag", "odd 'suite'; --");
    List<String> systems = List.of("a", "b");
    List<RunStatus> statuses = List.of(RunStatus.COMPLETED, RunStatus.RUNNING, RunStatus.FAILED);
    for (int i = 0; i < 60; i++) {
      RunRecord r = fullRun("run-q" + Integer.toString(random.nextInt(1 << 20), 36) + "-" + i,
          base.plusSeconds(random.nextInt(20) * 60L)); // many ties of start time
      RunRecord varied = new RunRecord(r.formatVersion(), r.runId(), suites.get(random.nextInt(3)), r.suitePath(),
          r.suiteHash(), r.suite(), systems.get(random.nextInt(2)), r.system(), r.contentHash(), r.datasetPath(),
          r.datasetHash(), r.datasetSize(), r.repeats(), r.metrics(), r.engine(), r.cluster(), r.lineage(), r.seed(),
          r.startedAt(), r.endedAt(), statuses.get(random.nextInt(3)), r.counts(), r.aggregates(), r.failure());
      store.createRun(varied);
    }
    List<RunQuery> queries = new ArrayList<>();
    for (String suite : java.util.Arrays.asList(null, "qa", "odd 'suite'; --", "none")) {
      for (String system : java.util.Arrays.asList(null, "b")) {
        for (RunStatus status : java.util.Arrays.asList(null, RunStatus.RUNNING)) {
          for (boolean oldest : new boolean[] {false, true}) {
            queries.add(new RunQuery(suite, system, status, null, null, oldest, null, 7));
          }
        }
      }
    }
    queries.add(new RunQuery(null, null, null, base.plusSeconds(300), base.plusSeconds(900), false, null, 4));
    queries.add(new RunQuery(null, null, null, base.plusSeconds(300), null, true, null, 1));
    queries.add(new RunQuery(null, null, null, null, null, false, null, RunQuery.MAX_LIMIT));
    List<RunRecord> all = store.runs();
    for (RunQuery q : queries) {
      java.util.Comparator<RunRecord> order = java.util.Comparator.comparing(RunQuery.Position::of);
      List<String> expected = all.stream().filter(q::matches).sorted(q.oldestFirst() ? order : order.reversed())
          .map(RunRecord::runId).toList();
      List<String> paged = new ArrayList<>();
      RunQuery page = q;
      int pages = 0;
      while (true) {
        RunPage p = store.runs(page);
        assertThat(p.runs().size()).as("page size of %s", q).isLessThanOrEqualTo(q.limit());
        p.runs().forEach(r -> paged.add(r.runId()));
        pages++;
        if (p.next() == null) {
          break;
        }
        assertThat(pages).as("pages of %s", q).isLessThan(100);
        page = q.after(p.next());
      }
      assertThat(paged).as("seed %d, %s", SEED, q).isEqualTo(expected);
    }
  }

  // ---- per-example results ----

  @Test
  void resultQueriesPageInDatasetOrderWithTheOkFilter() {
    store.createRun(fullRun("run-page", Instant.ofEpochMilli(1)));
    List<ExampleResult> all = syntheticResults(150, 2, new Random(SEED));
    appendInRandomBatches("run-page", all, new Random(SEED + 1));
    for (Boolean ok : java.util.Arrays.asList(null, Boolean.TRUE, Boolean.FALSE)) {
      for (int limit : new int[] {1, 13, 500}) {
        List<ExampleResult> paged = new ArrayList<>();
        ResultQuery.Position after = null;
        while (true) {
          List<ExampleResult> page = store.results("run-page", new ResultQuery(after, limit, ok));
          assertThat(page.size()).isLessThanOrEqualTo(limit);
          if (page.isEmpty()) {
            break;
          }
          paged.addAll(page);
          after = ResultQuery.Position.of(page.get(page.size() - 1));
        }
        List<ExampleResult> expected = all.stream().filter(r -> ok == null || r.ok() == ok).toList();
        assertThat(normalised(paged)).as("seed %d, ok %s, limit %d", SEED, ok, limit)
            .isEqualTo(normalised(expected));
      }
    }
    assertThat(store.results("ghost", new ResultQuery(null, 10, null))).isEmpty();
    ResultQuery.Position middle = ResultQuery.Position.of(all.get(101));
    assertThat(store.results("run-page", new ResultQuery(middle, 2, null))).extracting(ExampleResult::key)
        .containsExactly(all.get(102).key(), all.get(103).key());
  }

  @Test
  void resultStatsCountTheStoredResultsAndNameTheLast() {
    store.createRun(fullRun("run-stats", Instant.ofEpochMilli(1)));
    assertThat(store.resultStats("run-stats")).isEqualTo(ResultStats.NONE);
    assertThat(store.resultStats("ghost")).isEqualTo(ResultStats.NONE);
    List<ExampleResult> all = syntheticResults(80, 3, new Random(SEED));
    List<ExampleResult> firstPart = new ArrayList<>(all.subList(0, 200));
    Collections.shuffle(firstPart, new Random(SEED));
    store.append("run-stats", firstPart);
    ExampleResult last = all.get(199);
    ResultStats stats = store.resultStats("run-stats");
    long ok = all.subList(0, 200).stream().filter(ExampleResult::ok).count();
    assertThat(stats).as("seed %d", SEED)
        .isEqualTo(new ResultStats(200, ok, ResultQuery.Position.of(last), last.id()));
    assertThat(stats.errors()).isEqualTo(200 - ok);
  }


  @Test
  void resultsComeBackInDatasetOrderWhateverTheAppendOrder() {
    store.createRun(fullRun("run-order", Instant.ofEpochMilli(1)));
    Random random = new Random(SEED);
    List<ExampleResult> all = syntheticResults(60, 3, random);
    List<ExampleResult> shuffled = new ArrayList<>(all);
    Collections.shuffle(shuffled, random);
    appendInRandomBatches("run-order", shuffled, random);

    assertThat(normalised(store.results("run-order"))).as("seed %d", SEED).isEqualTo(normalised(all));
    assertThat(store.completedKeys("run-order")).as("seed %d", SEED)
        .isEqualTo(keys(all));
  }

  @Test
  void appendingAKeyAgainReplacesIt() {
    store.createRun(fullRun("run-redo", Instant.ofEpochMilli(1)));
    ExampleResult failed = error("q1", 0, 0, "timeout");
    ExampleResult other = ok("q2", 1, 0, "b");
    store.append("run-redo", List.of(failed, other));
    ExampleResult redone = ok("q1", 0, 0, "a");
    store.append("run-redo", List.of(redone));

    assertThat(normalised(store.results("run-redo"))).isEqualTo(normalised(List.of(redone, other)));
    assertThat(store.completedKeys("run-redo"))
        .containsExactlyInAnyOrder(new ExampleResult.Key("q1", 0), new ExampleResult.Key("q2", 0));
  }

  @Test
  void aKeyTwiceInOneBatchKeepsTheLaterResult() {
    store.createRun(fullRun("run-twice", Instant.ofEpochMilli(1)));
    store.append("run-twice", List.of(ok("q1", 0, 0, "first"), ok("q1", 0, 0, "second")));
    assertThat(store.results("run-twice")).singleElement()
        .satisfies(r -> assertThat((Object) r.output()).isEqualTo(TextNode.valueOf("second")));
  }

  @Test
  void sameExampleIdWithDifferentRepeatsAreDistinctKeys() {
    store.createRun(fullRun("run-rep", Instant.ofEpochMilli(1)));
    store.append("run-rep", List.of(ok("q1", 0, 2, "c"), ok("q1", 0, 0, "a"), ok("q1", 0, 1, "b")));
    assertThat(store.results("run-rep")).extracting(ExampleResult::repeat).containsExactly(0, 1, 2);
    assertThat(store.completedKeys("run-rep")).hasSize(3);
  }

  @Test
  void appendingNothingIsAllowed() {
    store.createRun(fullRun("run-empty", Instant.ofEpochMilli(1)));
    store.append("run-empty", List.of());
    assertThat(store.results("run-empty")).isEmpty();
  }

  @Test
  void appendingToAnUnknownRunFails() {
    assertThatThrownBy(() -> store.append("ghost", List.of(ok("q1", 0, 0, "a"))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.results("ghost")).isEmpty();
  }

  @Test
  void runsDoNotShareResults() {
    store.createRun(fullRun("run-x", Instant.ofEpochMilli(1)));
    store.createRun(fullRun("run-y", Instant.ofEpochMilli(2)));
    store.append("run-x", List.of(ok("q1", 0, 0, "x")));
    store.append("run-y", List.of(ok("q1", 0, 0, "y"), ok("q2", 1, 0, "y")));
    assertThat(store.results("run-x")).extracting(r -> r.output().textValue()).containsExactly("x");
    assertThat(store.results("run-y")).extracting(r -> r.output().textValue()).containsExactly("y", "y");
  }

  @Test
  void unknownRunIdReadsAsEmpty() {
    store.createRun(fullRun("run-known", Instant.ofEpochMilli(1)));
    store.append("run-known", List.of(ok("q1", 0, 0, "a")));
    assertThat(store.run("no-such-run")).isEmpty();
    assertThat(store.results("no-such-run")).isEmpty();
    assertThat(store.completedKeys("no-such-run")).isEmpty();
    List<ExampleResult> seen = new ArrayList<>();
    store.forEachResult("no-such-run", seen::add);
    assertThat(seen).isEmpty();
  }

  @Test
  void everyKindOfResultReadsBackExactly() {
    store.createRun(fullRun("run-kinds", Instant.ofEpochMilli(1)));
    List<ExampleResult> kinds = unusualResults(new Random(SEED));
    store.append("run-kinds", kinds);
    List<ExampleResult> back = store.results("run-kinds");
    assertThat(normalised(back)).as("seed %d", SEED).isEqualTo(normalised(kinds));
    ExampleResult errorBack = back.stream().filter(r -> r.id().equals("err")).findFirst().orElseThrow();
    assertThat(errorBack.output()).isNull();
    assertThat(errorBack.ok()).isFalse();
    ExampleResult scoringFailed = back.stream().filter(r -> r.id().equals("scoring-failed")).findFirst().orElseThrow();
    assertThat(scoringFailed.output()).isNotNull();
    assertThat(scoringFailed.ok()).isTrue();
    assertThat(scoringFailed.metricErrors()).containsEntry("f1", "reference missing");
    assertThat(scoringFailed.scores()).containsKey("exact_match");
    ExampleResult typed = back.stream().filter(r -> r.id().equals("typed-scores")).findFirst().orElseThrow();
    assertThat(typed.scores().get("f1_macro").hasValue()).isFalse();
    assertThat(typed.scores().get("f1_macro").labels()).containsExactly("pos", "neg", "neg", "pos");
    assertThat(typed.scores().get("bleu").statistics()).containsExactly(3, 2, 1, 0, 4, 3, 2, 1, 4, 5);
    assertThat(typed.scores().get("judge").note()).startsWith("Correct city");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS) // guards against a deadlock, not a speed check
  void concurrentAppendsFromFourThreadsLoseNothing() throws Exception {
    store.createRun(fullRun("run-conc", Instant.ofEpochMilli(1)));
    int threads = 4;
    int perThread = 300;
    List<ExampleResult> all = syntheticResults(threads * perThread, 1, new Random(SEED));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          start.await();
          // Threads interleave over the dataset (i mod threads), as an engine's workers do.
          List<ExampleResult> mine = new ArrayList<>();
          for (int i = thread; i < all.size(); i += threads) {
            mine.add(all.get(i));
          }
          for (int from = 0; from < mine.size(); from += 25) {
            store.append("run-conc", mine.subList(from, Math.min(mine.size(), from + 25)));
            store.completedKeys("run-conc");
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(normalised(store.results("run-conc"))).as("seed %d", SEED).isEqualTo(normalised(all));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS) // guards against a deadlock, not a speed check
  void forEachResultStreamsInOrderAndTheConsumerMayUseTheStore() {
    store.createRun(fullRun("run-stream", Instant.ofEpochMilli(1)));
    store.createRun(fullRun("run-side", Instant.ofEpochMilli(2)));
    List<ExampleResult> all = syntheticResults(500, 2, new Random(SEED));
    List<ExampleResult> reversed = new ArrayList<>(all);
    Collections.reverse(reversed);
    store.append("run-stream", reversed);

    List<ExampleResult> seen = new ArrayList<>();
    store.forEachResult("run-stream", r -> {
      seen.add(r);
      if (seen.size() % 100 == 1) {
        assertThat(store.run("run-stream")).isPresent();
        store.append("run-side", List.of(r));
      }
    });
    assertThat(normalised(seen)).as("seed %d", SEED).isEqualTo(normalised(all));
    assertThat(store.results("run-side")).hasSize(10);
  }

  @Test
  void aFailingConsumerStopsTheStreamAndLeavesTheStoreUsable() {
    store.createRun(fullRun("run-abort", Instant.ofEpochMilli(1)));
    store.append("run-abort", syntheticResults(50, 1, new Random(SEED)));
    List<ExampleResult> seen = new ArrayList<>();
    assertThatThrownBy(() -> store.forEachResult("run-abort", r -> {
      seen.add(r);
      if (seen.size() == 3) {
        throw new IllegalArgumentException("consumer gave up");
      }
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("consumer gave up");
    assertThat(seen).hasSize(3);
    store.append("run-abort", List.of(ok("late", 50, 0, "z")));
    assertThat(store.results("run-abort")).hasSize(51);
  }

  // ---- deleting runs ----

  @Test
  void deleteRunRemovesTheRunAndItsResultsOnly() {
    store.createRun(fullRun("run-del", Instant.ofEpochMilli(1)));
    store.createRun(fullRun("run-stay", Instant.ofEpochMilli(2)));
    store.append("run-del", List.of(ok("q1", 0, 0, "a")));
    store.append("run-stay", List.of(ok("q1", 0, 0, "b")));
    assertThat(store.deleteRun("run-del")).isTrue();
    assertThat(store.deleteRun("run-del")).as("a second delete finds nothing").isFalse();
    assertThat(store.run("run-del")).isEmpty();
    assertThat(store.results("run-del")).isEmpty();
    assertThat(store.runs()).extracting(RunRecord::runId).containsExactly("run-stay");
    assertThat(store.results("run-stay")).hasSize(1);
    store.createRun(fullRun("run-del", Instant.ofEpochMilli(3)));
    assertThat(store.results("run-del")).as("a new run under the old id starts empty").isEmpty();
  }

  // ---- run leases (one writer per run) ----

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A lease taken at {@code at} for 30 s. */
  protected static RunLease lease(String runId, String owner, Instant at) {
    return new RunLease(runId, owner, "resume", 4242, "host-" + owner, at, at, at.plusSeconds(30));
  }

  @Test
  void aFreeRunIsLeasedAndAnotherOwnerIsToldWhoHoldsIt() {
    store.createRun(fullRun("run-lease", Instant.ofEpochMilli(1)));
    assertThat(store.lease("run-lease")).isEmpty();
    RunLease mine = lease("run-lease", "a", T0);
    assertThat(store.acquireLease(mine, T0)).isEqualTo(mine);
    assertThat(store.lease("run-lease")).contains(mine);
    RunLease theirs = lease("run-lease", "b", T0.plusSeconds(10));
    assertThat(store.acquireLease(theirs, T0.plusSeconds(10))).as("held by a until it expires").isEqualTo(mine);
    assertThat(store.lease("run-lease")).contains(mine);
  }

  @Test
  void theHolderRenewsAndOthersCannot() {
    store.acquireLease(lease("run-renew", "a", T0), T0);
    assertThat(store.renewLease("run-renew", "b", T0.plusSeconds(5), T0.plusSeconds(35))).isFalse();
    assertThat(store.renewLease("run-renew", "a", T0.plusSeconds(20), T0.plusSeconds(50))).isTrue();
    RunLease renewed = store.lease("run-renew").orElseThrow();
    assertThat(renewed.acquiredAt()).isEqualTo(T0);
    assertThat(renewed.heartbeatAt()).isEqualTo(T0.plusSeconds(20));
    assertThat(renewed.expiresAt()).isEqualTo(T0.plusSeconds(50));
    // Still held at 40 s thanks to the renewal; the same owner asking again renews, keeping acquiredAt.
    assertThat(store.acquireLease(lease("run-renew", "b", T0.plusSeconds(40)), T0.plusSeconds(40)).owner())
        .isEqualTo("a");
    RunLease again = store.acquireLease(lease("run-renew", "a", T0.plusSeconds(45)), T0.plusSeconds(45));
    assertThat(again.acquiredAt()).isEqualTo(T0);
    assertThat(again.expiresAt()).isEqualTo(T0.plusSeconds(75));
    assertThat(store.renewLease("no-such-run", "a", T0, T0.plusSeconds(30))).isFalse();
  }

  @Test
  void anExpiredLeaseIsTakenOverAndItsFormerHolderCannotRenewIt() {
    store.acquireLease(lease("run-crashed", "a", T0), T0);
    RunLease b = lease("run-crashed", "b", T0.plusSeconds(30));
    assertThat(store.acquireLease(b, T0.plusSeconds(30))).as("expired exactly at expiresAt").isEqualTo(b);
    assertThat(store.renewLease("run-crashed", "a", T0.plusSeconds(31), T0.plusSeconds(61))).isFalse();
    assertThat(store.lease("run-crashed")).contains(b);
  }

  @Test
  void onlyTheHolderReleasesAndDeletingTheRunDropsItsLease() {
    store.createRun(fullRun("run-release", Instant.ofEpochMilli(1)));
    store.acquireLease(lease("run-release", "a", T0), T0);
    store.releaseLease("run-release", "b");
    assertThat(store.lease("run-release")).isPresent();
    store.releaseLease("run-release", "a");
    assertThat(store.lease("run-release")).isEmpty();
    RunLease b = lease("run-release", "b", T0.plusSeconds(1));
    assertThat(store.acquireLease(b, T0.plusSeconds(1))).isEqualTo(b);
    store.deleteRun("run-release");
    assertThat(store.lease("run-release")).isEmpty();
  }

  @Test
  @Timeout(60)
  void ofManyConcurrentOwnersExactlyOneHoldsTheLease() throws Exception {
    int owners = 16;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<RunLease>> got = new ArrayList<>();
      for (int i = 0; i < owners; i++) {
        String owner = "owner-" + i;
        got.add(pool.submit(() -> {
          start.await();
          return store.acquireLease(lease("run-race", owner, T0), T0);
        }));
      }
      start.countDown();
      Set<String> holders = new java.util.HashSet<>();
      for (Future<RunLease> f : got) {
        holders.add(f.get().owner());
      }
      assertThat(holders).as("every caller is told the same holder").hasSize(1);
      assertThat(store.lease("run-race").map(RunLease::owner)).contains(holders.iterator().next());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLeaseOutlivesTheStoreThatTookIt() {
    assumeTrue(supportsReopen(), "this store keeps nothing after close");
    RunLease a = lease("run-durable", "a", T0);
    store.acquireLease(a, T0);
    store.close();
    store = openStore(dir);
    assertThat(store.lease("run-durable")).contains(a);
    assertThat(store.acquireLease(lease("run-durable", "b", T0.plusSeconds(1)), T0.plusSeconds(1))).isEqualTo(a);
  }

  // ---- datasets, verdicts, plans ----

  @Test
  void datasetsAreKeptOncePerHashAndReadBackEqual() {
    Dataset data = dataset(new Random(SEED), 50);
    assertThat(store.dataset(data.hash())).isEmpty();
    assertThat(store.datasets()).isEmpty();
    store.putDataset(data);
    store.putDataset(data);
    Dataset small = dataset(new Random(SEED + 1), 3);
    store.putDataset(small);
    assertThat(store.datasets()).as("every dataset, runs or not").extracting(DatasetInfo::hash)
        .isEqualTo(java.util.stream.Stream.of(data.hash(), small.hash()).sorted().toList());
    Dataset back = store.dataset(data.hash()).orElseThrow();
    assertThat(back.hash()).isEqualTo(data.hash());
    assertThat(normalisedExamples(back.examples())).as("seed %d", SEED).isEqualTo(normalisedExamples(data.examples()));
    assertThat(store.dataset("00".repeat(32))).isEmpty();
  }

  @Test
  void datasetsAreListedWithoutTheirExamplesByHash() {
    assertThat(store.datasets()).isEmpty();
    Dataset small = dataset(new Random(SEED), 5);
    Dataset large = dataset(new Random(SEED + 1), 40);
    store.putDataset(large);
    store.putDataset(small);
    // a run naming each, so that stores that derive the list from runs see them too
    for (Dataset d : List.of(small, large)) {
      RunRecord r = fullRun("run-" + d.size(), Instant.ofEpochMilli(d.size()));
      store.createRun(new RunRecord(r.formatVersion(), r.runId(), r.suiteName(), r.suitePath(), r.suiteHash(),
          r.suite(), r.systemName(), r.system(), r.contentHash(), d.source(), d.hash(), d.size(), 1, r.metrics(),
          r.engine(), r.cluster(), r.lineage(), r.seed(), r.startedAt(), r.endedAt(), r.status(), r.counts(),
          r.aggregates(), r.failure()));
    }
    List<DatasetInfo> expected = new ArrayList<>(List.of(new DatasetInfo(small.hash(), small.source(), 5),
        new DatasetInfo(large.hash(), large.source(), 40)));
    expected.sort(java.util.Comparator.comparing(DatasetInfo::hash));
    assertThat(store.datasets()).isEqualTo(expected);
  }

  @Test
  void verdictsReadBackAndFilterBySuiteAndSystemNewestFirst() {
    VerdictRecord a = verdict("019a0000-0000-7000-8000-000000000001", Instant.parse("2024-01-01T00:00:00Z"), "qa",
        "base", "cand", Verdict.PASS);
    VerdictRecord b = verdict("019a0000-0000-7000-8000-000000000002", Instant.parse("2024-01-02T00:00:00Z"), "qa",
        "base", "other", Verdict.INCONCLUSIVE);
    VerdictRecord c = verdict("019a0000-0000-7000-8000-000000000003", Instant.parse("2024-01-03T00:00:00Z"), "mt",
        "x", "y", Verdict.FAIL);
    store.saveVerdict(b);
    store.saveVerdict(a);
    store.saveVerdict(c);
    assertThat(store.verdict(a.id())).hasValueSatisfying(v -> assertThat(normalised(v)).isEqualTo(normalised(a)));
    assertThat(store.verdicts(VerdictRecord.Query.ALL)).extracting(VerdictRecord::id)
        .containsExactly(c.id(), b.id(), a.id());
    assertThat(store.verdicts(new VerdictRecord.Query("qa", null, 0))).extracting(VerdictRecord::id)
        .containsExactly(b.id(), a.id());
    assertThat(store.verdicts(new VerdictRecord.Query(null, "cand", 0))).extracting(VerdictRecord::id)
        .containsExactly(a.id());
    assertThat(store.verdicts(new VerdictRecord.Query(null, "base", 1))).extracting(VerdictRecord::id)
        .containsExactly(b.id());
    assertThatThrownBy(() -> store.saveVerdict(a)).isInstanceOf(IllegalStateException.class);
    assertThat(store.verdict("no-such-verdict")).isEmpty();
  }

  @Test
  void plansAreKeptOncePerHashOldestFirst() {
    Plan later = Plan.create(Instant.parse("2024-02-01T00:00:00Z"), "candidate is not worse", "suite.yaml",
        "aa".repeat(32), "bb".repeat(32), "cc".repeat(32), "gate.yaml");
    Plan earlier = Plan.create(Instant.parse("2024-01-01T00:00:00Z"), "candidate beats baseline — ✓", null, null,
        "bb".repeat(32), "dd".repeat(32), null);
    store.savePlan(later);
    store.savePlan(earlier);
    store.savePlan(later);
    assertThat(store.plans()).containsExactly(earlier, later);
  }

  @Test
  void calibrationsReadBackAndFilterByJudgeAndMetricNewestFirst() {
    CalibrationRecord a = calibration("019a0000-0000-7000-8000-0000000000c1", Instant.parse("2024-01-01T00:00:00Z"),
        "hallucination", "aa".repeat(32), 0.61);
    CalibrationRecord b = calibration("019a0000-0000-7000-8000-0000000000c2", Instant.parse("2024-01-02T00:00:00Z"),
        "hallucination", "aa".repeat(32), 0.72);
    CalibrationRecord c = calibration("019a0000-0000-7000-8000-0000000000c3", Instant.parse("2024-01-03T00:00:00Z"),
        "judge", "bb".repeat(32), Double.NaN);
    store.saveCalibration(b);
    store.saveCalibration(c);
    store.saveCalibration(a);
    assertThat(store.calibration(a.id())).hasValueSatisfying(x -> assertThat(normalised(x)).isEqualTo(normalised(a)));
    assertThat(store.calibration(c.id()).orElseThrow().kappa().get("none").estimate()).isNaN();
    assertThat(store.calibrations(CalibrationRecord.Query.ALL)).extracting(CalibrationRecord::id)
        .containsExactly(c.id(), b.id(), a.id());
    assertThat(store.calibrations(CalibrationRecord.Query.ofJudge("aa".repeat(32)))).extracting(CalibrationRecord::id)
        .containsExactly(b.id(), a.id());
    assertThat(store.calibrations(new CalibrationRecord.Query(null, "judge", 0))).extracting(CalibrationRecord::id)
        .containsExactly(c.id());
    assertThat(store.calibrations(new CalibrationRecord.Query("aa".repeat(32), null, 1)))
        .extracting(CalibrationRecord::id).containsExactly(b.id());
    assertThatThrownBy(() -> store.saveCalibration(a)).isInstanceOf(IllegalStateException.class);
    assertThat(store.calibration("no-such-calibration")).isEmpty();
  }

  // ---- durability across reopen ----

  @Test
  void everythingSurvivesCloseAndReopen() {
    assumeTrue(supportsReopen(), "this store keeps nothing after close");
    RunRecord run = fullRun("run-keep", Instant.parse("2023-03-04T05:06:07.008Z"));
    store.createRun(run);
    store.createRun(fullRun("run-older", Instant.parse("2022-01-01T00:00:00Z")));
    List<ExampleResult> results = new ArrayList<>(unusualResults(new Random(SEED)));
    store.append("run-keep", results);
    RunRecord finished = run.finish(RunStatus.COMPLETED, Instant.parse("2023-03-04T06:00:00.001Z"),
        new Counts(results.size() - 1, 1), Map.of("f1", Double.NaN, "exact_match", 0.25));
    store.updateRun(finished);
    Dataset data = dataset(new Random(SEED), 10);
    store.putDataset(data);
    VerdictRecord verdict = verdict("019a0000-0000-7000-8000-0000000000aa", Instant.parse("2023-03-05T00:00:00Z"),
        "qa-suite", "gpt-x", "gpt-y", Verdict.PASS);
    store.saveVerdict(verdict);
    Plan plan = Plan.create(Instant.parse("2023-03-01T00:00:00Z"), "h", "s.yaml", "aa".repeat(32), data.hash(),
        "cc".repeat(32), null);
    store.savePlan(plan);
    CalibrationRecord calibration = calibration("019a0000-0000-7000-8000-0000000000cc",
        Instant.parse("2023-03-02T00:00:00Z"), "hallucination", "aa".repeat(32), 0.8);
    store.saveCalibration(calibration);
    store.close();

    store = openStore(dir);
    assertThat(store.calibrations(CalibrationRecord.Query.ALL)).singleElement()
        .satisfies(x -> assertThat(normalised(x)).isEqualTo(normalised(calibration)));
    assertThat(store.dataset(data.hash()).map(d -> normalisedExamples(d.examples())))
        .contains(normalisedExamples(data.examples()));
    assertThat(store.verdicts(VerdictRecord.Query.ALL)).singleElement()
        .satisfies(v -> assertThat(normalised(v)).isEqualTo(normalised(verdict)));
    assertThat(store.plans()).containsExactly(plan);
    assertThat(store.run("run-keep").map(StoreConformance::normalised)).contains(normalised(finished));
    assertThat(store.runs()).extracting(RunRecord::runId).containsExactly("run-keep", "run-older");
    assertThat(normalised(store.results("run-keep"))).as("seed %d", SEED).isEqualTo(normalised(results));
    assertThatThrownBy(() -> store.createRun(run)).isInstanceOf(IllegalStateException.class);

    // A resumed run appends to the reopened store and replaces an in-flight key.
    ExampleResult redo = ok("err", results.stream().filter(r -> r.id().equals("err")).findFirst()
        .orElseThrow().index(), 0, "redone");
    store.append("run-keep", List.of(redo));
    store.close();
    store = openStore(dir);
    assertThat(store.results("run-keep")).hasSize(results.size())
        .filteredOn(r -> r.id().equals("err")).singleElement()
        .satisfies(r -> assertThat((Object) r.output()).isEqualTo(TextNode.valueOf("redone")));
  }

  // ---- fixtures ----

  /** A run with every field set, JSON fields holding nested objects, decimals and unicode. */
  protected static RunRecord fullRun(String runId, Instant startedAt) {
    ObjectNode suite = (ObjectNode) parse(
        "{\"name\":\"qa-suite\",\"dataset\":{\"path\":\"data/qa.jsonl\",\"limit\":100},"
            + "\"metrics\":[\"exact_match\",\"f1\"],\"gate\":{\"margin\":0.0100000000000000002081668,"
            + "\"confidence\":0.95,\"note\":\"σ ≥ 0 — ok ✓\"},\"big\":123456789012345678901234567890}");
    ObjectNode systemSpec = (ObjectNode) parse(
        "{\"type\":\"openai\",\"model\":\"gpt-x\",\"temperature\":0.7,\"params\":{\"max_tokens\":256,\"stop\":[\"\\n\",null]}}");
    Map<String, Double> aggregates = new LinkedHashMap<>();
    aggregates.put("exact_match", 0.6123456789012345);
    aggregates.put("f1", Double.NaN);
    return new RunRecord(RunRecord.FORMAT_VERSION, runId, "qa-suite", "suites/qa.yaml", "ab".repeat(32), suite,
        "gpt-x", SystemSpec.fromJson(systemSpec), "ef".repeat(32), "data/qa.jsonl", "cd".repeat(32), 100, 3,
        List.of("exact_match", "f1"), new EngineSettings(16, Duration.ofMillis(2500), 3, 120.5, 0.25), "doc_id",
        new Lineage("0.1.0", "0123456789abcdef0123456789abcdef01234567", Boolean.TRUE, "Eclipse 17", "Linux 6 amd64"),
        -1234567890123456789L, startedAt, startedAt.plusMillis(61_001), RunStatus.FAILED,
        new Counts(290, 10, Map.of("f1", 3L)), aggregates, "13 of 300 results (4.3%) failed — σ ✓", 7,
        Map.of("judge", "9f".repeat(32), "hallucination", "a0".repeat(32)));
  }

  /** A dataset of {@code n} examples with text, object and list inputs, references, tags and extra fields. */
  protected static Dataset dataset(Random random, int n) {
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      JsonNode input = i % 3 == 0 ? parse("{\"question\":\"q" + i + " — ü\",\"context\":[1,2.50,null]}")
          : TextNode.valueOf("question " + i + " " + random.nextInt(1000));
      JsonNode reference = i % 4 == 0 ? null : i % 4 == 1 ? parse("[\"a\",\"b " + i + "\"]")
          : TextNode.valueOf("answer " + i);
      Map<String, String> tags = i % 2 == 0 ? Map.of("topic", "t" + (i % 5), "critical", "yes") : Map.of();
      ObjectNode extra = i % 5 == 0 ? (ObjectNode) parse("{\"doc_id\":\"d" + (i / 3) + "\",\"n\":" + i + "}") : null;
      examples.add(new Example("ex-" + i, input, reference, tags, extra, i + 1));
    }
    return new Dataset("data/qa.jsonl", examples, dev.assay.core.io.DatasetHasher.hash(examples));
  }

  /** A stored verdict with a nested detail. */
  protected static VerdictRecord verdict(String id, Instant at, String suite, String baseline, String candidate,
      Verdict v) {
    ObjectNode detail = (ObjectNode) parse("{\"verdict\":\"" + v + "\",\"rules\":[{\"metric\":\"f1\","
        + "\"ci\":[0.01,0.0300000000000000004],\"p_value\":1e-9,\"reason\":\"σ — ✓\"}]}");
    return new VerdictRecord(id, at, v, suite, baseline, candidate, "run-" + baseline, null, "run-" + baseline,
        "scores-" + candidate + ".jsonl", "ee".repeat(32), "cd".repeat(32), "no_plan", null, "0.1.0", detail);
  }

  /** A stored calibration with a nested detail and all three weightings of κ. */
  protected static CalibrationRecord calibration(String id, Instant at, String metric, String judge, double kappa) {
    ObjectNode detail = (ObjectNode) parse("{\"confusion\":{\"categories\":[0,1],\"counts\":[[40,3],[5,52]]},"
        + "\"note\":\"σ — ✓\",\"accuracy_ci\":[0.85,0.9500000000000000001]}");
    Map<String, CalibrationRecord.KappaValue> kappas = new LinkedHashMap<>();
    kappas.put("none", new CalibrationRecord.KappaValue(kappa, 0.0612345678901234));
    kappas.put("linear", new CalibrationRecord.KappaValue(kappa, 0.0612345678901234));
    kappas.put("quadratic", new CalibrationRecord.KappaValue(kappa, Double.NaN));
    return new CalibrationRecord(id, at, metric, judge, metric + ":base_url=http://127.0.0.1:1/v1:model=j", "labels.jsonl",
        "dd".repeat(32), 100, kappas, 0.92, "0.1.0", detail);
  }

  private static CalibrationRecord normalised(CalibrationRecord c) {
    return new CalibrationRecord(c.id(), c.createdAt(), c.metric(), c.judge(), c.judgeSpec(), c.labelsSource(),
        c.labelsHash(), c.items(), c.kappa(), c.accuracy(), c.assayVersion(), (ObjectNode) canonicalNode(c.detail()));
  }

  private static VerdictRecord normalised(VerdictRecord v) {
    return new VerdictRecord(v.id(), v.createdAt(), v.verdict(), v.suiteName(), v.baselineSystem(),
        v.candidateSystem(), v.baselineRun(), v.candidateRun(), v.baselineSource(), v.candidateSource(), v.gateHash(),
        v.datasetHash(), v.planStatus(), v.planHash(), v.assayVersion(), (ObjectNode) canonicalNode(v.detail()));
  }

  private static List<Example> normalisedExamples(List<Example> examples) {
    return examples.stream().map(e -> new Example(e.id(), canonicalNode(e.input()), canonicalNode(e.reference()),
        e.tags(), (ObjectNode) canonicalNode(e.extra()), e.line())).collect(Collectors.toList());
  }

  /** The system of sparse fixtures. */
  protected static final SystemSpec SYSTEM = new SystemSpec("sys", "predictions", null, 0);

  protected static ExampleResult ok(String id, int index, int repeat, String text) {
    return new ExampleResult(id, index, repeat, TextNode.valueOf(text), Map.of("exact_match", Score.of(1.0)), 12.5,
        10L, 2L, 0.0001, null, 1, false);
  }

  protected static ExampleResult error(String id, int index, int repeat, String message) {
    return new ExampleResult(id, index, repeat, null, Map.of(), null, null, null, null, message, 3, false);
  }

  /** {@code examples} examples times {@code repeats} repeats, a tenth of them errors, in dataset order. */
  protected static List<ExampleResult> syntheticResults(int examples, int repeats, Random random) {
    List<ExampleResult> out = new ArrayList<>();
    for (int i = 0; i < examples; i++) {
      String id = "ex-" + Integer.toString(random.nextInt(1 << 30), 36) + "-" + i;
      for (int k = 0; k < repeats; k++) {
        if (random.nextInt(10) == 0) {
          out.add(error(id, i, k, "HTTP 503 after " + (1 + random.nextInt(4)) + " attempts"));
        } else {
          Map<String, Score> scores = Map.of("exact_match", Score.of(random.nextInt(2)), "f1",
              Score.of(random.nextDouble()));
          out.add(new ExampleResult(id, i, k, TextNode.valueOf("answer " + random.nextInt(1000)), scores,
              random.nextDouble() * 900, (long) random.nextInt(4000), (long) random.nextInt(500),
              random.nextDouble() / 100, null, 1 + random.nextInt(2), random.nextBoolean()));
        }
      }
    }
    return out;
  }

  /** Results that stress a serialiser: nulls, unicode, 1 MB outputs, structured outputs. */
  protected static List<ExampleResult> unusualResults(Random random) {
    List<ExampleResult> out = new ArrayList<>();
    int i = 0;
    out.add(error("err", i++, 0, "boom: \"quoted\"\nsecond line\ttab"));
    out.add(new ExampleResult("empty-error", i++, 0, null, null, null, null, null, null, "", 1, false));
    out.add(new ExampleResult("json-null", i++, 0, NullNode.getInstance(), Map.of(), null, null, null, null, null, 1,
        true));
    out.add(new ExampleResult("scoring-failed", i++, 0, TextNode.valueOf("kept output"),
        Map.of("exact_match", Score.of(0)), 8.0, 5L, 1L, null, null, 1, false, Map.of("f1", "reference missing")));
    out.add(new ExampleResult("empty-text", i++, 0, TextNode.valueOf(""), Map.of("f1", Score.of(0.0)), 0.0, 0L, 0L,
        0.0, null, 1, false));
    out.add(ok("unicode", i++, 0,
        "naïve café — 日本語 — עברית — 🙂👩‍🔬 — \u0000 nul — \u001f ctl — \r\n — \\ back \" quote — \u2028 sep"));
    out.add(ok("ключ-ид-🙂", i++, 0, "id is unicode"));
    Map<String, Score> odd = new LinkedHashMap<>();
    odd.put("delta", Score.of(-Double.MAX_VALUE));
    odd.put("tiny", Score.of(Double.MIN_VALUE));
    odd.put("unicode métrique", Score.of(1.0 / 7.0));
    out.add(new ExampleResult("odd-values", i++, 0, TextNode.valueOf("x"), odd, Double.MIN_VALUE, Long.MAX_VALUE,
        Long.MIN_VALUE, Double.MAX_VALUE, null, Integer.MAX_VALUE, true));
    Map<String, Score> typed = new LinkedHashMap<>();
    typed.put("f1_macro", new Score(Double.NaN, new double[] {0.25, 0.75}, List.of("pos", "neg", "neg", "pos"), null));
    typed.put("bleu", Score.of(37.5, new double[] {3, 2, 1, 0, 4, 3, 2, 1, 4, 5}));
    typed.put("judge", Score.of(0.9).withNote("Correct city; \"Paris\" — naïve 🙂\nsecond line"));
    out.add(new ExampleResult("typed-scores", i++, 0, TextNode.valueOf("Paris"), typed, 4.0, null, null, null, null, 1,
        false));
    out.add(new ExampleResult("structured", i++, 0, parse(
        "{\"label\":\"positive\",\"scores\":[0.1,0.2000000000000000111,1e-300,12345678901234567890123],"
            + "\"nested\":{\"ok\":true,\"none\":null,\"list\":[[],{},\"ü\"]},\"int\":-42}"),
        Map.of("accuracy", Score.of(1.0)), 3.0, 1L, 1L, null, null, 1, false));
    out.add(new ExampleResult("array-output", i++, 0, parse("[\"d3\",\"d1\",\"d7\"]"),
        Map.of("ndcg@10", Score.of(0.75)), null, null, null, null, null, 1, false));
    out.add(new ExampleResult("nan-latency", i++, 0, TextNode.valueOf("y"), Map.of(), Double.NaN, null, null,
        Double.NaN, null, 1, false));
    out.add(ok("large-compressible", i++, 0, "The quick brown fox jumps over the lazy dog. ".repeat(23_302)));
    out.add(ok("large-random", i++, 0, randomText(random, 1 << 20)));
    return out;
  }

  private static String randomText(Random random, int length) {
    StringBuilder sb = new StringBuilder(length);
    while (sb.length() < length) {
      int cp = random.nextInt(4) == 0 ? 0x4E00 + random.nextInt(0x5000) : 0x20 + random.nextInt(0x5F);
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }

  private void appendInRandomBatches(String runId, List<ExampleResult> results, Random random) {
    int from = 0;
    while (from < results.size()) {
      int to = Math.min(results.size(), from + 1 + random.nextInt(40));
      store.append(runId, results.subList(from, to));
      from = to;
    }
  }

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same JSON in one representation, so that equal canonical forms compare equal. */
  private static JsonNode canonicalNode(JsonNode node) {
    return node == null ? null : parse(Json.canonical(node));
  }

  /** A run whose JSON fields are replaced by their canonical representation. */
  protected static RunRecord normalised(RunRecord r) {
    SystemSpec s = r.system();
    return new RunRecord(r.formatVersion(), r.runId(), r.suiteName(), r.suitePath(), r.suiteHash(),
        (ObjectNode) canonicalNode(r.suite()), r.systemName(),
        new SystemSpec(s.name(), s.type(), (ObjectNode) canonicalNode(s.params()), 0), r.contentHash(),
        r.datasetPath(), r.datasetHash(), r.datasetSize(), r.repeats(), r.metrics(), r.engine(), r.cluster(),
        r.lineage(), r.seed(), r.startedAt(), r.endedAt(), r.status(), r.counts(), r.aggregates(), r.failure(),
        r.datasetLeftOut(), r.judges());
  }

  /** A result whose output is replaced by its canonical representation. */
  protected static ExampleResult normalised(ExampleResult r) {
    return new ExampleResult(r.id(), r.index(), r.repeat(), canonicalNode(r.output()), r.scores(), r.latencyMs(),
        r.tokensIn(), r.tokensOut(), r.cost(), r.error(), r.attempts(), r.cached(), r.metricErrors());
  }

  protected static List<ExampleResult> normalised(List<ExampleResult> results) {
    return results.stream().map(StoreConformance::normalised).collect(Collectors.toList());
  }

  /** Keys of {@code results}, for assertions on {@link Store#completedKeys}. */
  protected static Set<ExampleResult.Key> keys(List<ExampleResult> results) {
    return results.stream().map(ExampleResult::key).collect(Collectors.toSet());
  }
}
