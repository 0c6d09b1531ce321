package dev.assay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import dev.assay.core.Output;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SqliteResponseCacheTest {
  @TempDir Path dir;
  private SqliteResponseCache cache;

  @BeforeEach
  void open() {
    cache = SqliteResponseCache.open(dir.resolve("store/cache.db"));
  }

  @AfterEach
  void close() {
    cache.close();
  }

  @Test
  void anOutputReadsBackWithEveryField() throws Exception {
    JsonNode structured = Json.MAPPER.readTree("{\"label\":\"neg\",\"p\":0.1000000000000000055511,\"ids\":[3,1,2]}");
    Output out = new Output(structured, 812.25, 1200L, 34L, 0.0042);
    cache.put("k1", out);
    Output back = cache.get("k1").orElseThrow();
    assertThat(Json.canonical(back.value())).isEqualTo(Json.canonical(structured));
    assertThat(back.latencyMs()).isEqualTo(812.25);
    assertThat(back.tokensIn()).isEqualTo(1200L);
    assertThat(back.tokensOut()).isEqualTo(34L);
    assertThat(back.cost()).isEqualTo(0.0042);
  }

  @Test
  void unknownFieldsStayNullAndTextStaysExact() {
    Output text = Output.text("naïve 🙂 \u0000 \"q\"\n");
    cache.put("k-text", text);
    assertThat(cache.get("k-text")).contains(text);
  }

  @Test
  void aMissingKeyIsEmpty() {
    assertThat(cache.get("absent")).isEmpty();
  }

  @Test
  void aSecondPutReplacesTheOutput() {
    cache.put("k", Output.text("old"));
    cache.put("k", Output.text("new"));
    assertThat(cache.get("k")).contains(Output.text("new"));
  }

  @Test
  void putAllStoresEveryOutputAndReplacesExistingOnes() {
    cache.put("a", Output.text("old"));
    java.util.Map<String, Output> batch = new java.util.LinkedHashMap<>();
    batch.put("a", Output.text("new"));
    batch.put("b", new Output(null, null, null, null, 0.5));
    cache.putAll(batch);
    assertThat(cache.get("a")).contains(Output.text("new"));
    assertThat(cache.get("b")).contains(new Output(null, null, null, null, 0.5));
    cache.putAll(java.util.Map.of());
  }

  @Test
  void outputsSurviveReopening() {
    cache.put("k", Output.text("kept"));
    cache.close();
    cache = SqliteResponseCache.open(dir.resolve("store/cache.db"));
    assertThat(cache.get("k")).contains(Output.text("kept"));
  }

  @Test
  void aClosedCacheRefusesWork() {
    cache.close();
    assertThatThrownBy(() -> cache.get("k")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS) // guards against a deadlock, not a speed check
  void concurrentPutsAndGetsLoseNothing() throws Exception {
    int threads = 4;
    int perThread = 100;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> hits = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        hits.add(pool.submit(() -> {
          int seen = 0;
          for (int i = 0; i < perThread; i++) {
            cache.put("t" + thread + "-" + i, Output.text("v" + thread + "-" + i));
            cache.put("shared-" + (i % 10), Output.text("shared " + (i % 10)));
            Optional<Output> other = cache.get("t" + ((thread + 1) % threads) + "-" + i);
            seen += other.isPresent() ? 1 : 0;
            assertThat(cache.get("t" + thread + "-" + i)).contains(Output.text("v" + thread + "-" + i));
          }
          return seen;
        }));
      }
      for (Future<Integer> f : hits) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        assertThat(cache.get("t" + t + "-" + i)).contains(Output.text("v" + t + "-" + i));
      }
    }
    for (int s = 0; s < 10; s++) {
      assertThat(cache.get("shared-" + s)).contains(Output.text("shared " + s));
    }
  }

  @Test
  void statsCountEntriesBytesAndAges() throws Exception {
    assertThat(cache.stats()).isEqualTo(new SqliteResponseCache.Stats(0, 0, null, null));
    cache.put("k1", Output.text("ab"));
    cache.put("k2", Output.text("naïve"));
    age("k1", "2024-01-02T03:04:05.678Z");
    SqliteResponseCache.Stats s = cache.stats();
    assertThat(s.entries()).isEqualTo(2);
    // Each key is 2 bytes; the outputs are stored as their JSON records, counted in UTF-8 bytes.
    long outputs = (RecordCodec.output(Output.text("ab")) + RecordCodec.output(Output.text("naïve")))
        .getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    assertThat(s.bytes()).isEqualTo(4 + outputs);
    assertThat(s.oldest()).isEqualTo(java.time.Instant.parse("2024-01-02T03:04:05.678Z"));
    assertThat(s.newest()).isAfter(java.time.Instant.parse("2025-01-01T00:00:00Z"));
  }

  @Test
  void pruneRemovesOnlyResponsesStoredBeforeTheCutoff() throws Exception {
    for (int i = 0; i < 5; i++) {
      cache.put("k" + i, Output.text("v" + i));
    }
    age("k0", "2024-01-01T00:00:00.000Z");
    age("k1", "2024-03-01T00:00:00.000Z");
    age("k2", "2024-03-01T00:00:00.001Z");
    assertThat(cache.prune(java.time.Instant.parse("2024-03-01T00:00:00.001Z"))).isEqualTo(2);
    assertThat(cache.get("k0")).isEmpty();
    assertThat(cache.get("k1")).isEmpty();
    assertThat(cache.get("k2")).contains(Output.text("v2"));
    assertThat(cache.stats().entries()).isEqualTo(3);
    assertThat(cache.prune(java.time.Instant.parse("2000-01-01T00:00:00Z"))).isZero();
  }

  @Test
  void clearRemovesEverythingAndTheCacheStillWorks() {
    for (int i = 0; i < 100; i++) {
      cache.put("k" + i, Output.text("x".repeat(1000)));
    }
    assertThat(cache.clear()).isEqualTo(100);
    assertThat(cache.stats().entries()).isZero();
    assertThat(cache.get("k1")).isEmpty();
    cache.put("k1", Output.text("again"));
    assertThat(cache.get("k1")).contains(Output.text("again"));
  }

  /** Sets when a response was stored, behind the cache's back (time cannot be waited for in a test). */
  private void age(String key, String storedAt) throws java.sql.SQLException {
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("store/cache.db"));
        var ps = c.prepareStatement("UPDATE responses SET stored_at = ? WHERE key = ?")) {
      ps.setString(1, storedAt);
      ps.setString(2, key);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }
}
