package dev.assay.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@link TrackingStore}, as JUnit 5 tests: extend it and implement {@link #openStore}.
 * Randomised tests are seeded ({@link #SEED}) and compare against a plain in-memory model.
 */
public abstract class TrackingStoreConformance {
  protected static final long SEED = 0x7AC4L;

  @TempDir protected Path dir;

  protected TrackingStore store;

  /** Opens a store over {@code dir}; called again on the same directory to test reopening. */
  protected abstract TrackingStore openStore(Path dir);

  @BeforeEach
  void open() {
    store = openStore(dir);
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private static RunInfo info(String runId, String experimentId, long start) {
    return new RunInfo(runId, experimentId, "name-" + runId, "alice", RunStatus.RUNNING, start, null, null,
        LifecycleStage.ACTIVE);
  }

  private static String id(int n) {
    return String.format("%032x", n);
  }

  @Test
  void theDefaultExperimentExistsFromTheStart() {
    Experiment e = store.experiment("0").orElseThrow();
    assertThat(e.name()).isEqualTo("Default");
    assertThat(e.stage()).isEqualTo(LifecycleStage.ACTIVE);
    assertThat(store.experimentByName("Default")).contains(e);
  }

  @Test
  void experimentsGetNewIdsAndKeepTheirFieldsAndTags() {
    Experiment a = store.createExperiment("a", "s3://bucket/a", List.of(new KeyValue("team", "nlp"),
        new KeyValue("k", "v — ü")), 1000);
    Experiment b = store.createExperiment("b", null, List.of(), 2000);
    assertThat(a.id()).isNotEqualTo("0").isNotEqualTo(b.id());
    assertThat(Long.parseLong(b.id())).isGreaterThan(Long.parseLong(a.id()));
    assertThat(store.experiment(a.id())).contains(new Experiment(a.id(), "a", "s3://bucket/a", LifecycleStage.ACTIVE,
        1000, 1000, List.of(new KeyValue("k", "v — ü"), new KeyValue("team", "nlp"))));
    assertThat(store.experiment(b.id()).orElseThrow().artifactLocation()).isNull();
    assertThat(store.experiment("999")).isEmpty();
    assertThat(store.experiment("not-a-number")).isEmpty();
    assertThat(store.experimentByName("nope")).isEmpty();
  }

  @Test
  void aTakenExperimentNameIsRefused() {
    store.createExperiment("same", null, List.of(), 1);
    assertThatThrownBy(() -> store.createExperiment("same", null, List.of(), 2))
        .isInstanceOfSatisfying(MlflowException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_ALREADY_EXISTS));
    assertThat(store.searchExperiments(new Search.ExperimentQuery(List.of(), ViewType.ALL, List.of(), 0, 100)))
        .extracting(Experiment::name).containsExactlyInAnyOrder("same", "Default");
  }

  @Test
  void experimentSearchFiltersOrdersAndPages() {
    for (int i = 0; i < 7; i++) {
      store.createExperiment("exp-" + i, null, List.of(new KeyValue("parity", i % 2 == 0 ? "even" : "odd")), 100 + i);
    }
    var even = List.of(new Search.Clause(Search.Entity.TAG, "parity", Search.Op.EQ, "even"));
    assertThat(store.searchExperiments(new Search.ExperimentQuery(even, ViewType.ACTIVE_ONLY, List.of(), 0, 100)))
        .extracting(Experiment::name).containsExactly("exp-6", "exp-4", "exp-2", "exp-0");
    var byName = List.of(new Search.OrderBy(Search.Entity.ATTRIBUTE, "name", true));
    var like = List.of(new Search.Clause(Search.Entity.ATTRIBUTE, "name", Search.Op.LIKE, "exp-%"));
    assertThat(store.searchExperiments(new Search.ExperimentQuery(like, ViewType.ACTIVE_ONLY, byName, 2, 3)))
        .extracting(Experiment::name).containsExactly("exp-2", "exp-3", "exp-4");
    var caseSensitive = List.of(new Search.Clause(Search.Entity.ATTRIBUTE, "name", Search.Op.LIKE, "EXP-%"));
    assertThat(store.searchExperiments(new Search.ExperimentQuery(caseSensitive, ViewType.ALL, byName, 0, 100)))
        .isEmpty();
    var ignoreCase = List.of(new Search.Clause(Search.Entity.ATTRIBUTE, "name", Search.Op.ILIKE, "EXP-_"));
    assertThat(store.searchExperiments(new Search.ExperimentQuery(ignoreCase, ViewType.ALL, byName, 0, 100)))
        .hasSize(7);
    var after = List.of(new Search.Clause(Search.Entity.ATTRIBUTE, "creation_time", Search.Op.GE, 105.0),
        new Search.Clause(Search.Entity.ATTRIBUTE, "creation_time", Search.Op.LT, 1000.0));
    assertThat(store.searchExperiments(new Search.ExperimentQuery(after, ViewType.ALL, byName, 0, 100)))
        .extracting(Experiment::name).containsExactly("exp-5", "exp-6");
  }

  @Test
  void aRunReadsBackWithItsTagsAndNoData() {
    RunInfo info = new RunInfo(id(1), "0", "first", null, RunStatus.RUNNING, 1234, null, "s3://x/" + id(1),
        LifecycleStage.ACTIVE);
    Run run = store.createRun(info, List.of(new KeyValue("mlflow.runName", "first"), new KeyValue("a", "1")));
    assertThat(run.info()).isEqualTo(info);
    assertThat(run.tags()).containsExactly(new KeyValue("a", "1"), new KeyValue("mlflow.runName", "first"));
    assertThat(run.metrics()).isEmpty();
    assertThat(run.params()).isEmpty();
    assertThat(store.run(id(1))).contains(run);
    assertThat(store.runInfo(id(1))).contains(info);
    assertThat(store.run(id(2))).isEmpty();
    assertThat(store.runInfo(id(2))).isEmpty();
  }

  @Test
  void updateRunSetsOnlyWhatIsGiven() {
    store.createRun(info(id(1), "0", 10), List.of());
    RunInfo done = store.updateRun(id(1), RunStatus.FINISHED, 99L, null);
    assertThat(done).isEqualTo(new RunInfo(id(1), "0", "name-" + id(1), "alice", RunStatus.FINISHED, 10, 99L, null,
        LifecycleStage.ACTIVE));
    assertThat(store.updateRun(id(1), null, null, "renamed").runName()).isEqualTo("renamed");
    assertThat(store.run(id(1)).orElseThrow().info().status()).isEqualTo(RunStatus.FINISHED);
    assertThatThrownBy(() -> store.updateRun(id(9), RunStatus.FAILED, null, null))
        .isInstanceOfSatisfying(MlflowException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
  }

  @Test
  void paramsAreWriteOnceTagsAreReplacedAndALogIsAllOrNothing() {
    store.createRun(info(id(1), "0", 10), List.of());
    store.log(id(1), List.of(), List.of(new KeyValue("lr", "0.1")), List.of(new KeyValue("t", "1")));
    store.log(id(1), List.of(), List.of(new KeyValue("lr", "0.1")), List.of(new KeyValue("t", "2")));
    assertThatThrownBy(() -> store.log(id(1), List.of(new Metric("m", 1, 1, 0)), List.of(new KeyValue("lr", "0.2")),
        List.of(new KeyValue("t", "3"))))
        .isInstanceOfSatisfying(MlflowException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .hasMessageContaining("lr");
    assertThatThrownBy(() -> store.log(id(1), List.of(), List.of(new KeyValue("x", "1"), new KeyValue("x", "2")),
        List.of())).isInstanceOf(MlflowException.class);
    Run run = store.run(id(1)).orElseThrow();
    assertThat(run.params()).containsExactly(new KeyValue("lr", "0.1"));
    assertThat(run.tags()).containsExactly(new KeyValue("t", "2"));
    assertThat(run.metrics()).isEmpty();
    assertThat(store.metricHistory(id(1), "m", 0, 100)).isEmpty();
    assertThatThrownBy(() -> store.log(id(7), List.of(), List.of(), List.of(new KeyValue("t", "1"))))
        .isInstanceOfSatisfying(MlflowException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
  }

  @Test
  void metricHistoryKeepsEveryValueInLoggedOrderAndTheLatestFollowsStepThenTimeThenValue() {
    Random random = new Random(SEED);
    store.createRun(info(id(1), "0", 10), List.of());
    List<Metric> logged = new ArrayList<>();
    Map<String, Metric> latest = new HashMap<>();
    for (int batch = 0; batch < 20; batch++) {
      List<Metric> metrics = new ArrayList<>();
      for (int i = 0, n = 1 + random.nextInt(60); i < n; i++) {
        double value = switch (random.nextInt(12)) {
          case 0 -> Double.NaN;
          case 1 -> Double.POSITIVE_INFINITY;
          case 2 -> Double.NEGATIVE_INFINITY;
          default -> random.nextInt(5) / 4.0;
        };
        Metric m = new Metric("k" + random.nextInt(3), value, random.nextInt(4), random.nextInt(4));
        metrics.add(m);
        latest.merge(m.key(), m, (a, b) -> b.isLaterThan(a) ? b : a);
      }
      store.log(id(1), metrics, List.of(), List.of());
      logged.addAll(metrics);
    }
    for (String key : List.of("k0", "k1", "k2")) {
      List<Metric> expected = logged.stream().filter(m -> m.key().equals(key)).toList();
      assertThat(store.metricHistory(id(1), key, 0, Integer.MAX_VALUE - 1)).as("seed %d", SEED).isEqualTo(expected);
      assertThat(store.metricHistory(id(1), key, 3, 5)).isEqualTo(expected.subList(3, Math.min(8, expected.size())));
    }
    List<Metric> expectedLatest = latest.values().stream().sorted(Comparator.comparing(Metric::key)).toList();
    assertThat(store.run(id(1)).orElseThrow().metrics()).as("seed %d", SEED).isEqualTo(expectedLatest);
  }

  @Test
  void runSearchFiltersByMetricsParamsTagsAndAttributes() {
    Experiment other = store.createExperiment("other", null, List.of(), 1);
    for (int i = 0; i < 6; i++) {
      store.createRun(info(id(i), i < 5 ? "0" : other.id(), 100 + i), List.of(new KeyValue("group", "g" + (i % 2))));
      store.log(id(i), List.of(new Metric("acc", i / 10.0, 1, 0)), List.of(new KeyValue("model", i < 3 ? "LogReg" : "GBM")),
          List.of());
    }
    store.updateRun(id(4), RunStatus.FINISHED, 200L, null);
    store.setRunStage(id(3), LifecycleStage.DELETED, 300);
    List<String> exp0 = List.of("0");
    assertThat(searchIds(exp0, List.of(), ViewType.ACTIVE_ONLY)).containsExactly(id(4), id(2), id(1), id(0));
    assertThat(searchIds(exp0, List.of(), ViewType.DELETED_ONLY)).containsExactly(id(3));
    assertThat(searchIds(List.of("0", other.id()), List.of(), ViewType.ALL)).hasSize(6);
    assertThat(searchIds(exp0, List.of(new Search.Clause(Search.Entity.METRIC, "acc", Search.Op.GT, 0.15)),
        ViewType.ALL)).containsExactly(id(4), id(3), id(2));
    assertThat(searchIds(exp0, List.of(new Search.Clause(Search.Entity.PARAM, "model", Search.Op.EQ, "LogReg"),
        new Search.Clause(Search.Entity.TAG, "group", Search.Op.NE, "g0")), ViewType.ALL)).containsExactly(id(1));
    assertThat(searchIds(exp0, List.of(new Search.Clause(Search.Entity.PARAM, "model", Search.Op.LIKE, "log%")),
        ViewType.ALL)).isEmpty();
    assertThat(searchIds(exp0, List.of(new Search.Clause(Search.Entity.PARAM, "model", Search.Op.ILIKE, "log%")),
        ViewType.ALL)).containsExactly(id(2), id(1), id(0));
    assertThat(searchIds(exp0, List.of(new Search.Clause(Search.Entity.ATTRIBUTE, "status", Search.Op.EQ,
        "FINISHED")), ViewType.ALL)).containsExactly(id(4));
    assertThat(searchIds(exp0, List.of(new Search.Clause(Search.Entity.ATTRIBUTE, "run_id", Search.Op.IN,
        List.of(id(0), id(2), id(5)))), ViewType.ALL)).containsExactly(id(2), id(0));
    assertThat(searchIds(exp0, List.of(new Search.Clause(Search.Entity.ATTRIBUTE, "start_time", Search.Op.LE,
        101.0)), ViewType.ALL)).containsExactly(id(1), id(0));
    assertThat(searchIds(exp0, List.of(new Search.Clause(Search.Entity.METRIC, "missing", Search.Op.GT, 0.0)),
        ViewType.ALL)).isEmpty();
  }

  @Test
  void runSearchOrdersByMetricWithMissingValuesLastAndPagesStably() {
    for (int i = 0; i < 9; i++) {
      store.createRun(info(id(i), "0", 100), List.of());
      if (i % 3 != 0) {
        store.log(id(i), List.of(new Metric("loss", 10 - i, 1, 0)), List.of(), List.of());
      }
    }
    var asc = List.of(new Search.OrderBy(Search.Entity.METRIC, "loss", true));
    List<String> all = store.searchRuns(new Search.RunQuery(List.of("0"), List.of(), ViewType.ALL, asc, 0, 100))
        .stream().map(r -> r.info().runId()).toList();
    assertThat(all).containsExactly(id(8), id(7), id(5), id(4), id(2), id(1), id(0), id(3), id(6));
    List<String> paged = new ArrayList<>();
    for (int offset = 0; offset < 9; offset += 4) {
      store.searchRuns(new Search.RunQuery(List.of("0"), List.of(), ViewType.ALL, asc, offset, 4))
          .forEach(r -> paged.add(r.info().runId()));
    }
    assertThat(paged).isEqualTo(all);
    var desc = List.of(new Search.OrderBy(Search.Entity.METRIC, "loss", false));
    assertThat(store.searchRuns(new Search.RunQuery(List.of("0"), List.of(), ViewType.ALL, desc, 0, 2)))
        .extracting(r -> r.info().runId()).containsExactly(id(1), id(2));
  }

  @Test
  void concurrentLogsToOneRunLoseNothing() throws Exception {
    store.createRun(info(id(1), "0", 1), List.of());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int b = 0; b < 25; b++) {
            List<Metric> batch = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
              batch.add(new Metric("m", thread * 1000 + b * 40 + i, 1, thread));
            }
            store.log(id(1), batch, List.of(), List.of(new KeyValue("t" + thread, "b" + b)));
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.metricHistory(id(1), "m", 0, 100_000)).hasSize(4000);
    Run run = store.run(id(1)).orElseThrow();
    assertThat(run.tags()).hasSize(4).allSatisfy(t -> assertThat(t.value()).isEqualTo("b24"));
    assertThat(run.metrics()).singleElement().satisfies(m -> assertThat(m.value()).isEqualTo(3999.0));
  }

  @Test
  void everythingSurvivesReopening() {
    Experiment e = store.createExperiment("kept", "file:/tmp/a", List.of(new KeyValue("a", "b")), 5);
    store.createRun(info(id(1), e.id(), 7), List.of(new KeyValue("t", "v")));
    store.log(id(1), List.of(new Metric("m", Double.NaN, 1, 2), new Metric("m", 0.5, 1, 1)),
        List.of(new KeyValue("p", "q")), List.of());
    Run before = store.run(id(1)).orElseThrow();
    store.close();
    store = openStore(dir);
    assertThat(store.experimentByName("kept")).contains(e);
    assertThat(store.run(id(1))).contains(before);
    assertThat(before.metrics()).singleElement().satisfies(m -> assertThat(m.value()).isNaN());
    assertThat(store.metricHistory(id(1), "m", 0, 10)).hasSize(2);
    assertThat(store.createExperiment("next", null, List.of(), 9).id()).isNotEqualTo(e.id());
  }

  @Test
  void countRunsCountsWhatASearchOfTheSameViewFinds() {
    Experiment e = store.createExperiment("counted", null, List.of(), 1);
    for (int i = 1; i <= 7; i++) {
      store.createRun(info(id(100 + i), e.id(), i), List.of());
    }
    store.createRun(info(id(200), "0", 1), List.of());
    store.setRunStage(id(103), LifecycleStage.DELETED, 10);
    store.setRunStage(id(105), LifecycleStage.DELETED, 10);
    for (ViewType view : ViewType.values()) {
      assertThat(store.countRuns(e.id(), view)).as(view.name())
          .isEqualTo(searchIds(List.of(e.id()), List.of(), view).size());
    }
    assertThat(store.countRuns(e.id(), ViewType.ACTIVE_ONLY)).isEqualTo(5);
    assertThat(store.countRuns(e.id(), ViewType.DELETED_ONLY)).isEqualTo(2);
    assertThat(store.countRuns("0", ViewType.ALL)).isEqualTo(1);
    assertThat(store.countRuns("999", ViewType.ALL)).isZero();
    assertThat(store.countRuns("not-a-number", ViewType.ALL)).isZero();
  }

  private List<String> searchIds(List<String> experiments, List<Search.Clause> filter, ViewType view) {
    return store.searchRuns(new Search.RunQuery(experiments, filter, view, List.of(), 0, 100)).stream()
        .map(r -> r.info().runId()).toList();
  }
}
