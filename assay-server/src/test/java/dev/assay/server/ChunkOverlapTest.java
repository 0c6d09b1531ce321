package dev.assay.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.ExampleResult;
import dev.assay.core.Lineage;
import dev.assay.core.ResultQuery;
import dev.assay.core.RunRecord;
import dev.assay.core.Score;
import dev.assay.core.Store;
import dev.assay.core.SystemSpec;
import dev.assay.store.SqliteStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "How many of a chunk were stored already", checked against the run's full key set (the slow
 * oracle) on a real SQLite store, and its cost: rows read stay bounded by the chunk, not the run.
 */
class ChunkOverlapTest {
  static final int EXAMPLES = 3_000;
  static final int REPEATS = 2;

  @TempDir Path dir;
  SqliteStore sqlite;
  Store store;
  final AtomicLong rowsRead = new AtomicLong();

  @BeforeEach
  void open() {
    sqlite = SqliteStore.open(dir.resolve("assay.db"));
    // counts the rows every paged read returns, to check the cost bound
    store = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
        (proxy, method, args) -> {
          if (method.getName().equals("forEachResult") || method.getName().equals("completedKeys")
              || method.getName().equals("resultStats")) {
            throw new AssertionError(method.getName() + " reads the whole run");
          }
          Object out;
          try {
            out = method.invoke(sqlite, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (method.getName().equals("results") && args.length == 2) {
            rowsRead.addAndGet(((List<?>) out).size());
          }
          return out;
        });
    sqlite.createRun(RunRecord.started("r", "qa", "suite.yaml", "ab".repeat(32), Fixture.suite(),
        new SystemSpec("s", "predictions", null, 0), null, "data.jsonl", "cd".repeat(32), EXAMPLES, REPEATS,
        List.of("exact_match"), null, null, new Lineage("0.1.0", null, null, "jvm", "os"), 0,
        Instant.parse("2026-01-10T10:00:00Z")));
  }

  @AfterEach
  void close() {
    sqlite.close();
  }

  static ExampleResult result(int index, int repeat) {
    return new ExampleResult("e" + index, index, repeat, null, Map.of("exact_match", Score.of(index % 2)), 1.0, null,
        null, null, null, 1, false);
  }

  long oracle(List<ExampleResult> chunk) {
    Set<ExampleResult.Key> stored = sqlite.completedKeys("r");
    Set<ExampleResult.Key> keys = new HashSet<>();
    chunk.forEach(r -> keys.add(r.key()));
    return keys.stream().filter(stored::contains).count();
  }

  long counted(List<ExampleResult> chunk) {
    rowsRead.set(0);
    long n = ChunkOverlap.alreadyStored(store, "r", chunk);
    // a range pass reads at most 2 per position + 100 (+ one page's overshoot), lookups one per position
    assertThat(rowsRead.get()).as("rows read for a chunk of %d", chunk.size())
        .isLessThanOrEqualTo(2L * chunk.size() + 101 + chunk.size() + 1 + chunk.size());
    return n;
  }

  @Test
  void nothingStoredMeansEveryKeyIsNewAndAnEmptyChunkHasNone() {
    assertThat(counted(List.of(result(0, 0), result(0, 1), result(1, 0)))).isZero();
    assertThat(ChunkOverlap.alreadyStored(store, "r", List.of())).isZero();
    assertThat(ChunkOverlap.alreadyStored(store, "missing", List.of(result(0, 0)))).isZero();
  }

  @Test
  void aChunkSentAgainIsStoredAlreadyAndDuplicateKeysCountOnce() {
    List<ExampleResult> first = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      first.add(result(i, 0));
      first.add(result(i, 1));
    }
    sqlite.append("r", first);
    assertThat(counted(first)).isEqualTo(1_000);
    List<ExampleResult> twice = new ArrayList<>(first.subList(990, 1_000));
    twice.addAll(first.subList(990, 1_000));
    twice.add(result(500, 0));
    assertThat(counted(twice)).isEqualTo(10);
    // starts at the very first position and at a repeat > 0
    assertThat(counted(List.of(result(0, 0)))).isEqualTo(1);
    assertThat(counted(List.of(result(7, 1), result(8, 0)))).isEqualTo(2);
  }

  @Test
  void aChunkSpreadThinlyOverADenseRunIsCountedByLookupsAtBoundedCost() {
    List<ExampleResult> all = new ArrayList<>();
    for (int i = 0; i < EXAMPLES; i++) {
      all.add(result(i, 0));
    }
    sqlite.append("r", all);
    List<ExampleResult> thin = new ArrayList<>();
    for (int i = 0; i < EXAMPLES; i += 100) {
      thin.add(result(i, 0));
      thin.add(result(i, 1));
    }
    assertThat(counted(thin)).isEqualTo(EXAMPLES / 100);
    assertThat(rowsRead.get()).isLessThan(EXAMPLES / 5);
  }

  @Test
  void randomChunksAgreeWithTheFullKeySet() {
    long seed = new Random().nextLong();
    System.out.println("ChunkOverlapTest seed " + seed);
    Random random = new Random(seed);
    for (int round = 0; round < 25; round++) {
      List<ExampleResult> chunk = new ArrayList<>();
      int size = 1 + random.nextInt(400);
      int start = random.nextInt(EXAMPLES);
      int stride = random.nextInt(4) == 0 ? 1 + random.nextInt(60) : 1;
      for (int k = 0; k < size; k++) {
        int index = random.nextBoolean() ? Math.min(EXAMPLES - 1, start + k * stride) : random.nextInt(EXAMPLES);
        chunk.add(result(index, random.nextInt(REPEATS)));
      }
      long expected = oracle(chunk);
      assertThat(counted(chunk)).as("round %d, seed %d", round, seed).isEqualTo(expected);
      // what the server does next: append, so later rounds meet a denser run
      sqlite.append("r", chunk);
    }
  }

  @Test
  void theStartOfAPageIsJustBeforeThePosition() {
    assertThat(ChunkOverlap.before(new ResultQuery.Position(0, 0))).isNull();
    assertThat(ChunkOverlap.before(new ResultQuery.Position(0, 2))).isEqualTo(new ResultQuery.Position(0, 1));
    assertThat(ChunkOverlap.before(new ResultQuery.Position(5, 0)))
        .isEqualTo(new ResultQuery.Position(4, Integer.MAX_VALUE));
  }
}
