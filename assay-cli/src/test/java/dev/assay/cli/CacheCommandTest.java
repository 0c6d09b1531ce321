package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay cache stats|clear|prune} on the cache a real run filled. */
class CacheCommandTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.dataset("data.jsonl", 40);
    cli.suite("suite.yaml", CliHarness.FAKE_UPPER, "");
  }

  @Test
  void statsBeforeAnyRunSaysThereIsNoCacheAndCreatesNone() throws Exception {
    CliHarness.Result r = cli.run("cache", "stats");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("(not created yet)", "entries   0");
    assertThat(Files.exists(dir.resolve(".assay/cache.db"))).isFalse();
    CliHarness.Result clear = cli.run("cache", "clear");
    assertThat(clear.out()).startsWith("removed 0 cached responses from ");
    assertThat(Files.exists(dir.resolve(".assay/cache.db"))).isFalse();
  }

  @Test
  void statsPruneAndClearWorkOnWhatARunCached() throws Exception {
    assertThat(cli.run("run", "suite.yaml").code()).isZero();
    JsonNode stats = json(cli.run("cache", "stats", "--format", "json"));
    assertThat(stats.path("entries").asLong()).isEqualTo(40);
    assertThat(stats.path("bytes").asLong()).isPositive();
    assertThat(stats.path("file").asText()).isEqualTo(dir.resolve(".assay/cache.db").toString());

    // Nothing is 30 days old yet.
    CliHarness.Result none = cli.run("cache", "prune", "--older-than", "30d");
    assertThat(none.code()).as(none.toString()).isZero();
    assertThat(none.out()).startsWith("removed 0 cached responses");

    // Make 10 responses 31 days old, behind assay's back.
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(".assay/cache.db"));
        var s = c.createStatement()) {
      s.executeUpdate("UPDATE responses SET stored_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-31 days') "
          + "WHERE rowid IN (SELECT rowid FROM responses ORDER BY key LIMIT 10)");
    }
    JsonNode pruned = json(cli.run("cache", "prune", "--older-than", "4w", "--format", "json"));
    assertThat(pruned.path("removed").asLong()).isEqualTo(10);
    assertThat(json(cli.run("cache", "stats", "--format", "json")).path("entries").asLong()).isEqualTo(30);

    CliHarness.Result clear = cli.run("cache", "clear");
    assertThat(clear.code()).isZero();
    assertThat(clear.out()).startsWith("removed 30 cached responses from " + dir.resolve(".assay/cache.db"));
    assertThat(cli.run("cache", "stats").out()).contains("entries   0");
    // The runs are untouched.
    assertThat(json(cli.run("runs", "list", "--format", "json")).path("runs")).hasSize(1);
  }

  @Test
  void aBadAgeIsAnInputError() {
    for (String age : new String[] {"30", "30 days", "-1d", "d"}) {
      CliHarness.Result r = cli.run("cache", "prune", "--older-than", age);
      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.err()).contains("is not an age (a number and a unit s, m, h, d or w, e.g. 30d)");
    }
    CliHarness.Result missing = cli.run("cache", "prune");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("--older-than");
  }

  @Test
  void theAgeParserKnowsItsUnits() {
    assertThat(CacheCommand.age("30d")).isEqualTo(java.time.Duration.ofDays(30));
    assertThat(CacheCommand.age("2w")).isEqualTo(java.time.Duration.ofDays(14));
    assertThat(CacheCommand.age("12h")).isEqualTo(java.time.Duration.ofHours(12));
    assertThat(CacheCommand.age("90m")).isEqualTo(java.time.Duration.ofMinutes(90));
    assertThat(CacheCommand.age("45S")).isEqualTo(java.time.Duration.ofSeconds(45));
  }

  private static JsonNode json(CliHarness.Result r) throws Exception {
    assertThat(r.code()).as(r.toString()).isZero();
    return Json.MAPPER.readTree(r.out());
  }
}
