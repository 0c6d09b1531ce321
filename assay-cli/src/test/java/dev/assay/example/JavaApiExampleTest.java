package dev.assay.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.VerdictRecord;
import dev.assay.store.SqliteStore;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/java-api.md, taken from the document itself, compiled against the modules
 * and run in a JVM of its own on a suite of two systems: the documented API compiles, runs, gates
 * and records its verdict. Lives outside {@code dev.assay.*} packages' internals on purpose: only
 * public API is reachable, as for a user.
 */
class JavaApiExampleTest {
  @TempDir Path dir;

  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void theDocumentedExampleCompilesRunsAndRecordsItsVerdict() throws Exception {
    Path doc = Path.of("..", "docs", "java-api.md");
    Matcher m = JAVA_BLOCK.matcher(Files.readString(doc));
    assertThat(m.find()).as("a java block in " + doc.toAbsolutePath()).isTrue();
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("GateExample.java"), m.group(1));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    String classpath = System.getProperty("java.class.path");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    java.io.ByteArrayOutputStream diagnostics = new java.io.ByteArrayOutputStream();
    int compiled = javac.run(null, diagnostics, diagnostics, "-cp", classpath, "-d", classes.toString(),
        src.resolve("GateExample.java").toString());
    assertThat(compiled).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

    // Two systems over 40 questions; the candidate answers every question right, the baseline 3 of 4.
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      data.append("{\"id\":\"q").append(i).append("\",\"input\":\"question ").append(i)
          .append("\",\"reference\":\"QUESTION ").append(i).append("\"}\n");
    }
    Files.writeString(dir.resolve("data.jsonl"), data);
    StringBuilder wrongEvery4th = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      wrongEvery4th.append("{\"id\":\"q").append(i).append("\",\"output\":\"")
          .append(i % 4 == 3 ? "no idea" : "QUESTION " + i).append("\"}\n");
    }
    Files.writeString(dir.resolve("base.jsonl"), wrongEvery4th);
    Files.writeString(dir.resolve("suite.yaml"), """
        name: api-example
        dataset: {path: data.jsonl}
        systems:
          base: {type: predictions, path: base.jsonl}
          cand: {type: fake, mode: upper}
        metrics: [exact_match, f1, bleu]
        gate:
          rules:
            - {rule: non_inferiority, metric: exact_match, margin: 0.05}
        """);
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        classes + File.pathSeparator + classpath, "GateExample", dir.resolve("suite.yaml").toString(),
        dir.resolve("store.db").toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("verdict PASS (recorded as ", "exact_match (mean): 0.7500 -> 1.0000, difference +0.2500",
        "bleu (corpus): ", "f1 (mean): ");
    try (SqliteStore store = SqliteStore.open(dir.resolve("store.db"))) {
      List<VerdictRecord> verdicts = store.verdicts(VerdictRecord.Query.ALL);
      assertThat(verdicts).hasSize(1);
      assertThat(out).contains("recorded as " + verdicts.get(0).id());
      assertThat(store.runs()).hasSize(2);
    }
  }
}
