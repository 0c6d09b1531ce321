package dev.assay.engine;

import static dev.assay.engine.EngineFixtures.UPPER_MATCH;
import static dev.assay.engine.EngineFixtures.dataset;
import static dev.assay.engine.EngineFixtures.essence;
import static dev.assay.engine.EngineFixtures.header;
import static dev.assay.engine.EngineFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.ExampleResult;
import dev.assay.core.Output;
import dev.assay.core.ResponseCache;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Scorer;
import dev.assay.core.Direction;
import dev.assay.core.MeanMetric;
import dev.assay.core.Metric;
import dev.assay.core.MetricKind;
import dev.assay.core.MetricSample;
import dev.assay.core.Scale;
import dev.assay.core.Score;
import dev.assay.core.Store;
import dev.assay.core.SystemException;
import dev.assay.testkit.FakeSystem;
import dev.assay.testkit.InMemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EngineTest {
  private final Clock clock = Clock.systemUTC();

  private RunRecord run(Store store, ResponseCache cache, Dataset d, FakeSystem system, RunSettings s)
      throws InterruptedException {
    return new Engine(store, cache, EngineListener.NONE, clock)
        .execute(header(d, s.repeats()), d, system, List.of(UPPER_MATCH), s, false);
  }

  @Test
  void everyExampleEndsWithOneResultInDatasetOrder() throws Exception {
    Dataset d = dataset(500);
    InMemoryStore store = new InMemoryStore();
    RunRecord done = run(store, ResponseCache.NONE, d, new FakeSystem(FakeSystem.Config.echo()
        .withMode(FakeSystem.Mode.UPPER)), settings(8));
    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(done.endedAt()).isNotNull();
    List<ExampleResult> results = store.results(done.runId());
    assertThat(results).extracting(ExampleResult::id)
        .isEqualTo(d.examples().stream().map(Example::id).toList());
    assertThat(results).allSatisfy(r -> assertThat(r.attempts()).isEqualTo(1));
    // Every third example has a reference the system cannot match.
    long matches = results.stream().filter(r -> r.scores().get("upper_match").value() == 1.0).count();
    assertThat(matches).isEqualTo(500 - 167);
    assertThat(done.counts().ok()).isEqualTo(500);
    assertThat(done.aggregates().get("upper_match")).isEqualTo(333.0 / 500);
    assertThat(store.run(done.runId())).contains(done);
  }

  @Test
  void resultsDoNotDependOnConcurrency() throws Exception {
    Dataset d = dataset(400);
    FakeSystem.Config cfg = FakeSystem.Config.echo().withMode(FakeSystem.Mode.UPPER).withSeedInOutput(true)
        .withFailureRates(0.2, 0.05);
    RunSettings base = settings(1).withBackoff(Duration.ZERO, Duration.ZERO);
    InMemoryStore one = new InMemoryStore();
    InMemoryStore many = new InMemoryStore();
    RunRecord a = run(one, ResponseCache.NONE, d, new FakeSystem(cfg), base);
    RunRecord b = run(many, ResponseCache.NONE, d, new FakeSystem(cfg), base.withConcurrency(16));
    assertThat(essence(many.results(b.runId()))).isEqualTo(essence(one.results(a.runId())));
    assertThat(many.results(b.runId())).extracting(ExampleResult::attempts)
        .isEqualTo(one.results(a.runId()).stream().map(ExampleResult::attempts).toList());
    assertThat(b.aggregates()).isEqualTo(a.aggregates());
    assertThat(b.counts()).isEqualTo(a.counts());
  }

  @Test
  void transientErrorsAreRetriedAndPermanentOnesAreNot() throws Exception {
    Dataset d = dataset(300);
    double transientRate = 0.3;
    double permanentRate = 0.1;
    FakeSystem system = new FakeSystem(FakeSystem.Config.echo().withFailureRates(transientRate, permanentRate));
    InMemoryStore store = new InMemoryStore();
    RunSettings s = settings(4);
    RunRecord done = run(store, ResponseCache.NONE, d, system, s);
    int maxAttempts = s.retries() + 1;
    long expectedErrors = 0;
    for (ExampleResult r : store.results(done.runId())) {
      if (FakeSystem.failsPermanently(r.id(), 0, permanentRate)) {
        expectedErrors++;
        assertThat(r.attempts()).as("permanent failure %s is not retried", r.id()).isEqualTo(1);
        assertThat(r.error()).isNotNull().doesNotContain("gave up");
        continue;
      }
      int firstSuccess = 0;
      while (firstSuccess < maxAttempts && FakeSystem.failsTransiently(r.id(), 0, firstSuccess, transientRate)) {
        firstSuccess++;
      }
      if (firstSuccess == maxAttempts) {
        expectedErrors++;
        assertThat(r.error()).as(r.id()).endsWith("(gave up after " + maxAttempts + " attempts)");
        assertThat(r.attempts()).isEqualTo(maxAttempts);
      } else {
        assertThat(r.ok()).as(r.id()).isTrue();
        assertThat(r.attempts()).as(r.id()).isEqualTo(firstSuccess + 1);
      }
    }
    assertThat(done.counts().error()).isEqualTo(expectedErrors).isPositive();
    assertThat(done.counts().total()).isEqualTo(300);
  }

  @Test
  void aCallOverTheTimeoutIsInterruptedRetriedAndReported() throws Exception {
    Dataset d = dataset(3);
    FakeSystem slow = new FakeSystem(FakeSystem.Config.echo().withLatencyMs(60_000));
    InMemoryStore store = new InMemoryStore();
    RunSettings s = new RunSettings(3, Duration.ofMillis(50), 1, null, 0, 1, false, Duration.ZERO, Duration.ZERO,
        Duration.ofMillis(20));
    RunRecord done = run(store, ResponseCache.NONE, d, slow, s);
    assertThat(store.results(done.runId())).allSatisfy(r -> {
      assertThat(r.error()).isEqualTo("timeout after 50 ms (gave up after 2 attempts)");
      assertThat(r.attempts()).isEqualTo(2);
    });
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void cachedAnswersAreReusedAndNoCacheBypassesThem() throws Exception {
    Dataset d = dataset(50);
    EngineFixtures.MapCache cache = new EngineFixtures.MapCache();
    RunSettings cached = new RunSettings(4, Duration.ofSeconds(5), 0, null, 0, 1, true, Duration.ZERO,
        Duration.ZERO, Duration.ofMillis(20));
    InMemoryStore store = new InMemoryStore();
    FakeSystem first = FakeSystem.echo();
    RunRecord a = run(store, cache, d, first, cached);
    assertThat(first.calls()).isEqualTo(50);
    assertThat(cache.map).hasSize(50);

    FakeSystem second = FakeSystem.echo();
    RunRecord b = run(store, cache, d, second, cached);
    assertThat(second.calls()).isZero();
    assertThat(store.results(b.runId())).allSatisfy(r -> {
      assertThat(r.cached()).isTrue();
      assertThat(r.attempts()).isZero();
    });
    assertThat(essence(store.results(b.runId()))).isEqualTo(essence(store.results(a.runId())));
    assertThat(store.results(b.runId())).extracting(ExampleResult::latencyMs)
        .as("a cached answer keeps the latency it was measured with")
        .isEqualTo(store.results(a.runId()).stream().map(ExampleResult::latencyMs).toList());

    FakeSystem third = FakeSystem.echo();
    RunSettings noCache = new RunSettings(4, Duration.ofSeconds(5), 0, null, 0, 1, false, Duration.ZERO,
        Duration.ZERO, Duration.ofMillis(20));
    run(store, cache, d, third, noCache);
    assertThat(third.calls()).isEqualTo(50);
  }

  @Test
  void theCacheKeyIncludesTheSystemsContentHash() throws Exception {
    Dataset d = dataset(20);
    EngineFixtures.MapCache cache = new EngineFixtures.MapCache();
    RunSettings cached = new RunSettings(2, Duration.ofSeconds(5), 0, null, 0, 1, true, Duration.ZERO,
        Duration.ZERO, Duration.ofMillis(20));
    InMemoryStore store = new InMemoryStore();
    long[] calls = new long[3];
    String[] corpus = {"corpus-v1", "corpus-v2", "corpus-v1"};
    for (int round = 0; round < 3; round++) {
      FakeSystem fake = FakeSystem.echo();
      RunRecord h = header(d, 1, corpus[round]);
      new Engine(store, cache, EngineListener.NONE, clock).execute(h, d, fake, List.of(UPPER_MATCH), cached, false);
      calls[round] = fake.calls();
    }
    assertThat(calls).as("an edited corpus misses the cache; the original one hits it").containsExactly(20, 20, 0);
  }

  @Test
  void repeatsRunEachExampleKTimesWithDistinctSeeds() throws Exception {
    Dataset d = dataset(10);
    RunSettings s = new RunSettings(4, Duration.ofSeconds(5), 0, null, 42, 3, false, Duration.ZERO, Duration.ZERO,
        Duration.ofMillis(20));
    InMemoryStore store = new InMemoryStore();
    FakeSystem system = new FakeSystem(FakeSystem.Config.echo().withSeedInOutput(true));
    RunRecord done = run(store, ResponseCache.NONE, d, system, s);
    List<ExampleResult> results = store.results(done.runId());
    assertThat(results).hasSize(30);
    assertThat(results.subList(0, 3)).extracting(ExampleResult::repeat).containsExactly(0, 1, 2);
    assertThat(results.subList(0, 3)).extracting(r -> r.output().asText()).doesNotHaveDuplicates();
    assertThat(done.expectedResults()).isEqualTo(30);
  }

  @Test
  void resumeRunsOnlyWhatIsMissingAndEndsIdentical() throws Exception {
    Dataset d = dataset(200);
    FakeSystem.Config cfg = FakeSystem.Config.echo().withMode(FakeSystem.Mode.UPPER).withSeedInOutput(true)
        .withFailureRates(0, 0.1);
    InMemoryStore full = new InMemoryStore();
    RunRecord reference = run(full, ResponseCache.NONE, d, new FakeSystem(cfg), settings(8));

    // An interrupted run: its header and the first 80 results were stored, then the process died.
    InMemoryStore partial = new InMemoryStore();
    RunRecord header = header(d, 1);
    partial.createRun(header);
    List<ExampleResult> done = full.results(reference.runId()).subList(0, 80);
    partial.append(header.runId(), done);

    FakeSystem system = new FakeSystem(cfg);
    RunRecord resumed = new Engine(partial, ResponseCache.NONE, EngineListener.NONE, clock)
        .execute(header, d, system, List.of(UPPER_MATCH), settings(3), true);
    assertThat(system.calls()).isEqualTo(120);
    assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(resumed.runId()).isEqualTo(header.runId());
    assertThat(essence(partial.results(header.runId()))).isEqualTo(essence(full.results(reference.runId())));
    assertThat(resumed.aggregates()).isEqualTo(reference.aggregates());
    assertThat(resumed.counts()).isEqualTo(reference.counts());
  }

  @Test
  void aMetricThatCannotAggregateFailsTheRunWithItsResultsKeptAndTheReasonStated() throws Exception {
    Scorer scorer = new Scorer() {
      @Override
      public List<Metric> metrics() {
        return List.of(new Metric() {
          @Override
          public String name() {
            return "corpus_only";
          }

          @Override
          public Direction direction() {
            return Direction.HIGHER_IS_BETTER;
          }

          @Override
          public MetricKind kind() {
            return MetricKind.CORPUS;
          }

          @Override
          public Scale scale() {
            return Scale.UNIT;
          }

          @Override
          public MetricSample sample(List<Score> scores) {
            throw new IllegalArgumentException("needs two labels, got three");
          }
        });
      }

      @Override
      public Map<String, Score> score(Example example, Output output) {
        return Map.of("corpus_only", new Score(Double.NaN, null, List.of("a", "b"), null));
      }
    };
    Dataset d = dataset(5);
    InMemoryStore store = new InMemoryStore();
    RunRecord header = header(d, 1);
    RunRecord done = new Engine(store, ResponseCache.NONE, EngineListener.NONE, clock)
        .execute(header, d, FakeSystem.echo(), List.of(UPPER_MATCH, scorer), settings(2), false);
    assertThat(done.status()).isEqualTo(RunStatus.FAILED);
    assertThat(done.failure()).contains("metric 'corpus_only' cannot be computed: needs two labels");
    assertThat(done.aggregates().get("corpus_only")).isNaN();
    assertThat(done.aggregates().get("upper_match")).as("the other metric keeps its value").isNotNaN();
    assertThat(done.counts().ok()).isEqualTo(5);
    assertThat(store.run(header.runId())).contains(done);
    assertThat(store.results(header.runId())).hasSize(5);
  }

  @Test
  void aScorerFailureFailsThatMetricOnlyAndKeepsTheOutputAndTheOtherScores() throws Exception {
    Scorer broken = new Scorer() {
      @Override
      public List<Metric> metrics() {
        return List.of(MeanMetric.unit("broken"));
      }

      @Override
      public Map<String, Score> score(Example example, Output output) {
        throw new IllegalArgumentException("no reference");
      }
    };
    Dataset d = dataset(2);
    InMemoryStore store = new InMemoryStore();
    RunRecord done = new Engine(store, ResponseCache.NONE, EngineListener.NONE, clock)
        .execute(header(d, 1), d, FakeSystem.echo(), List.of(UPPER_MATCH, broken), settings(1), false);
    assertThat(store.results(done.runId())).allSatisfy(r -> {
      assertThat(r.ok()).isTrue();
      assertThat(r.metricErrors()).containsExactly(Map.entry("broken", "no reference"));
      assertThat(r.output().asText()).startsWith("answer");
      assertThat(r.scores()).containsOnlyKeys("upper_match");
    });
    assertThat(done.counts().error()).isZero();
    assertThat(done.counts().metricErrors()).containsExactly(Map.entry("broken", 2L));
    assertThat(done.aggregates().get("broken")).isNaN();
    assertThat(done.aggregates().get("upper_match")).isEqualTo(0.5);
  }

  @Test
  void moreFailedResultsThanTheMaximumErrorRateFailTheRunNamingTheCause() throws Exception {
    Dataset d = dataset(40);
    FakeSystem.Config cfg = FakeSystem.Config.echo().withFailureRates(0, 0.5);
    InMemoryStore store = new InMemoryStore();
    java.util.concurrent.atomic.AtomicReference<ErrorSummary> summary = new java.util.concurrent.atomic.AtomicReference<>();
    EngineListener listener = new EngineListener() {
      @Override
      public void finished(RunRecord run, ErrorSummary errors) {
        summary.set(errors);
      }
    };
    RunRecord done = new Engine(store, ResponseCache.NONE, listener, clock).execute(header(d, 1), d,
        new FakeSystem(cfg), List.of(UPPER_MATCH), settings(4).withMaxErrorRate(0.05), false);
    assertThat(done.status()).isEqualTo(RunStatus.FAILED);
    assertThat(done.counts().error()).isPositive();
    assertThat(done.failure()).contains(done.counts().error() + " of 40 results").contains("above max_error_rate 5%");
    assertThat(summary.get().causes()).singleElement().satisfies(c -> {
      assertThat(c.count()).isEqualTo(done.counts().error());
      assertThat(c.example()).startsWith("ex-");
    });
    assertThat(summary.get().lines(5).get(0)).contains(" of 40 (").contains("(e.g. ex-");
    RunRecord lenient = new Engine(store, ResponseCache.NONE, EngineListener.NONE, clock).execute(header(d, 1), d,
        new FakeSystem(cfg), List.of(UPPER_MATCH), settings(4).withMaxErrorRate(1.0), false);
    assertThat(lenient.status()).isEqualTo(RunStatus.COMPLETED);
  }

  @Test
  void notesOfAScorerAreStoredWithTheirScores() throws Exception {
    Scorer explaining = new Scorer() {
      @Override
      public List<Metric> metrics() {
        return List.of(MeanMetric.unit("graded"));
      }

      @Override
      public Map<String, Score> score(Example example, Output output) {
        boolean odd = example.id().hashCode() % 2 != 0;
        Score s = Score.of(odd ? 1.0 : 0.0);
        return Map.of("graded", odd ? s.withNote("why " + example.id()) : s);
      }
    };
    Dataset d = dataset(6);
    InMemoryStore store = new InMemoryStore();
    RunRecord done = new Engine(store, ResponseCache.NONE, EngineListener.NONE, clock)
        .execute(header(d, 1), d, FakeSystem.echo(), List.of(UPPER_MATCH, explaining), settings(2), false);
    assertThat(store.results(done.runId())).hasSize(6).allSatisfy(r -> {
      boolean odd = r.id().hashCode() % 2 != 0;
      assertThat(r.scores()).containsKeys("graded", "upper_match").hasSize(2);
      assertThat(r.scores().get("graded").note()).isEqualTo(odd ? "why " + r.id() : null);
    });
  }

  /** A judge's identity reaches the stored run (calibrations bind to it); other scorers add none. */
  @Test
  void theIdentitiesOfJudgesAreRecordedInTheRun() throws Exception {
    Scorer judge = new Scorer() {
      @Override
      public List<Metric> metrics() {
        return List.of(MeanMetric.unit("judge"));
      }

      @Override
      public Map<String, Score> score(Example example, Output output) {
        return Map.of("judge", Score.of(1));
      }

      @Override
      public Map<String, String> identities() {
        return Map.of("judge", "ab".repeat(32));
      }
    };
    Dataset d = dataset(3);
    InMemoryStore store = new InMemoryStore();
    RunRecord done = new Engine(store, ResponseCache.NONE, EngineListener.NONE, clock)
        .execute(header(d, 1), d, FakeSystem.echo(), List.of(UPPER_MATCH, judge), settings(2), false);
    assertThat(done.judges()).containsExactly(Map.entry("judge", "ab".repeat(32)));
    assertThat(store.run(done.runId()).orElseThrow().judges()).containsExactly(Map.entry("judge", "ab".repeat(32)));
  }

  @Test
  void aStoreFailureAbortsTheRun() throws Exception {
    // Every other operation works: only appending results fails.
    Store store = new InMemoryStore() {
      @Override
      public void append(String runId, List<ExampleResult> results) {
        throw new IllegalStateException("disk full");
      }
    };
    Dataset d = dataset(20);
    RunRecord h = header(d, 1);
    assertThatThrownBy(() -> new Engine(store, ResponseCache.NONE, EngineListener.NONE, clock)
        .execute(h, d, FakeSystem.echo(), List.of(UPPER_MATCH), settings(2), false))
        .hasMessageContaining("disk full");
    assertThat(store.run(h.runId()).orElseThrow().status()).isEqualTo(RunStatus.ABORTED);
  }

  @Test
  void interruptingTheRunMarksItAbortedAndKeepsWhatWasAcknowledged() throws Exception {
    Dataset d = dataset(100);
    InMemoryStore store = new InMemoryStore();
    RunRecord h = header(d, 1);
    CountDownLatch someAcknowledged = new CountDownLatch(5);
    EngineListener listener = new EngineListener() {
      @Override
      public void acknowledged(ExampleResult result) {
        someAcknowledged.countDown();
      }
    };
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    FakeSystem slow = new FakeSystem(FakeSystem.Config.echo().withLatencyMs(20));
    Thread runner = new Thread(() -> {
      try {
        new Engine(store, ResponseCache.NONE, listener, clock).execute(h, d, slow, List.of(UPPER_MATCH), settings(2),
            false);
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    runner.start();
    someAcknowledged.await();
    runner.interrupt();
    runner.join();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    RunRecord aborted = store.run(h.runId()).orElseThrow();
    assertThat(aborted.status()).isEqualTo(RunStatus.ABORTED);
    assertThat(store.results(h.runId())).hasSizeGreaterThanOrEqualTo(5).hasSizeLessThan(100);
    assertThat(aborted.counts().total()).isEqualTo(store.results(h.runId()).size());
  }

  @Test
  void systemErrorsNeverEscapeAsExceptions() throws Exception {
    dev.assay.core.SystemUnderTest throwing = inv -> {
      if (inv.example().id().equals("ex-1")) {
        throw new SystemException("bad request", false);
      }
      throw new IllegalStateException("adapter bug");
    };
    Dataset d = dataset(2);
    InMemoryStore store = new InMemoryStore();
    RunRecord done = new Engine(store, ResponseCache.NONE, EngineListener.NONE, clock)
        .execute(header(d, 1), d, throwing, List.of(UPPER_MATCH), settings(1), false);
    assertThat(store.results(done.runId())).extracting(ExampleResult::error)
        .containsExactly("adapter failure: java.lang.IllegalStateException: adapter bug", "bad request");
  }
}
