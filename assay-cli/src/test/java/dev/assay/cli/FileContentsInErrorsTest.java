package dev.assay.cli;

import static dev.assay.cli.InputErrorAssert.noRun;
import static dev.assay.cli.InputErrorAssert.oneLineInputError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probe 4: a file named by mistake (a {@code .env}, a shadow-like password file) must not have its
 * contents echoed in the error. Errors name the columns or fields that were expected and quote
 * file content only as a short excerpt with secret-looking values redacted. Before the fix the
 * CSV reader printed {@code known: OPENAI_API_KEY=sk-...}.
 */
class FileContentsInErrorsTest {
  private static final String KEY = "sk-proj-Zt8wQ2vN4mK7pL1xR9sT3uY6";
  private static final String ENV = "OPENAI_API_KEY=" + KEY + "\nDB_PASSWORD=hunter2hunter2\n";
  private static final String HASH = "$6$saltsalt$Qm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OTA";
  private static final String SHADOW = "root:" + HASH + ":19000:0:99999:7:::\n";
  private static final String TOKEN = "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";

  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.write(".env", ENV);
    cli.write("shadow", SHADOW);
    cli.write("data.jsonl", "{\"id\":\"a\",\"input\":\"x\"}\n");
    cli.write("a.jsonl", "{\"id\":\"a\",\"m\":1}\n");
  }

  private static void noSecrets(CliHarness.Result r) {
    assertThat(r.err()).as(r.toString()).doesNotContain(KEY, "sk-proj", "hunter2", HASH, "$6$", "saltsalt", TOKEN,
        TOKEN.substring(0, 12));
  }

  private CliHarness.Result runSuite(String path, String format) throws Exception {
    cli.write("suite.yaml", "dataset:\n  path: " + path + "\n  format: " + format + "\nsystems:\n  s:\n    type: fake\n"
        + "metrics: [exact_match]\n");
    return cli.run("run", "suite.yaml");
  }

  @Test
  void envFileReadAsCsvNamesTheExpectedColumnOnly() throws Exception {
    CliHarness.Result r = runSuite(".env", "csv");
    oneLineInputError(r, ".env:1: field 'input': no such column in the header", "a column named 'input'");
    noSecrets(r);
    assertThat(r.err()).doesNotContain("OPENAI_API_KEY=");
    noRun(cli);
  }

  @Test
  void shadowFileReadAsCsvDoesNotEchoItsFirstLine() throws Exception {
    CliHarness.Result r = runSuite("shadow", "csv");
    oneLineInputError(r, "shadow:1:", "a column named 'input'");
    noSecrets(r);
    assertThat(r.err()).doesNotContain("root:");
  }

  @Test
  void envFileReadAsJsonlDoesNotEchoTheValue() throws Exception {
    CliHarness.Result r = runSuite(".env", "jsonl");
    oneLineInputError(r, ".env:1: invalid JSON");
    noSecrets(r);
  }

  @Test
  void tokenReadAsJsonIsRedacted() throws Exception {
    cli.write("token.jsonl", TOKEN + "\n");
    CliHarness.Result r = cli.run("compare", "token.jsonl", "a.jsonl");
    oneLineInputError(r, "token.jsonl:1: invalid JSON", "[redacted]");
    noSecrets(r);
  }

  @Test
  void scoreFileValuesAreExcerptedAndRedacted() throws Exception {
    cli.write("s.jsonl", "{\"id\":\"a\",\"m\":\"password=" + TOKEN + "\"}\n");
    CliHarness.Result r = cli.run("compare", "s.jsonl", "a.jsonl");
    oneLineInputError(r, "s.jsonl:1: field 'm': example 'a': got the string \"password=[redacted]\"");
    noSecrets(r);
  }

  @Test
  void predictionsValuesAreExcerptedAndRedacted() throws Exception {
    cli.write("p.jsonl", "{\"id\":\"a\",\"output\":\"x\",\"latency_ms\":\"" + KEY + "\"}\n");
    CliHarness.Result r = cli.run("score", "text", "--predictions", "p.jsonl", "--references", "data.jsonl",
        "--metrics", "exact_match");
    oneLineInputError(r, "p.jsonl:1: field 'latency_ms'", "[redacted]");
    noSecrets(r);
  }

  @Test
  void longValuesInSuitesAreCut() throws Exception {
    cli.write("suite.yaml", "dataset:\n  path: data.jsonl\nsystems:\n  s:\n    type: fake\nmetrics: [exact_match]\n"
        + "timeout: \"" + "x".repeat(5000) + "\"\n");
    CliHarness.Result r = cli.run("run", "suite.yaml");
    oneLineInputError(r, "field 'timeout': got the string \"xxxx");
    assertThat(r.err().length()).isLessThan(400);
  }
}
