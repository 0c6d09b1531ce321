package dev.assay.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.ExampleResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The acknowledgement contract against a real {@code kill -9} of the writing process. */
class SqliteStoreKillTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS) // guards against a hung child, not a speed check
  void everyAcknowledgedResultSurvivesAKilledProcess() throws Exception {
    Path db = dir.resolve("kill.db");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        AppendUntilKilled.class.getName(), db.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    long lastAcked = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lastAcked = Long.parseLong(line.substring("acked ".length()));
        if (lastAcked >= 5_000) {
          break;
        }
      }
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close(), mid-append
      child.waitFor();
    }
    assertThat(lastAcked).as("the child acknowledged appends before it was killed").isGreaterThanOrEqualTo(5_000);

    try (SqliteStore store = SqliteStore.open(db)) {
      List<ExampleResult> results = store.results("run-kill");
      assertThat((long) results.size()).isGreaterThanOrEqualTo(lastAcked);
      assertThat(results.size() % AppendUntilKilled.BATCH).as("an append is all or nothing").isZero();
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i)).isEqualTo(AppendUntilKilled.result(i));
      }
    }
  }
}
