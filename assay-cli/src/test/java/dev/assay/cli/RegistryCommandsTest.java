package dev.assay.cli;

import static dev.assay.cli.InputErrorAssert.oneLineInputError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import dev.assay.core.audit.AuditEntry;
import dev.assay.core.audit.AuditEvent;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The new commands' help, input errors, escaping and outputs (the end-to-end flow is RegistryEndToEndTest). */
class RegistryCommandsTest {
  @TempDir java.nio.file.Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.dataset("data.jsonl", 40);
    cli.suite("suite.yaml", CliHarness.FAKE_UPPER + "  wrong:\n    type: fake\n    mode: wrong\n",
        "gate:\n  rules:\n    - {rule: non_inferiority, metric: exact_match, margin: 0.05}\n"
            + "    - {rule: no_regressions, metric: exact_match, tag: half=a}\n");
  }

  private String firstRun() throws Exception {
    CliHarness.Result r = cli.run("run", "suite.yaml", "--system", "upper", "--format", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    return Json.MAPPER.readTree(r.out()).path("runs").get(0).path("run_id").asText();
  }

  @Test
  void everyNewCommandAnswersHelp() {
    for (String[] args : List.of(new String[] {"help", "models"}, new String[] {"models", "promote", "--help"},
        new String[] {"models", "register", "-h"}, new String[] {"models", "rollback", "--help"},
        new String[] {"models", "history", "--help"}, new String[] {"models", "policy", "--help"},
        new String[] {"audit", "--help"}, new String[] {"audit", "verify", "--help"},
        new String[] {"audit", "checkpoint", "-h"}, new String[] {"audit", "export", "--help"},
        new String[] {"help", "rerun"}, new String[] {"coverage", "--help"}, new String[] {"scorecard", "--help"})) {
      CliHarness.Result r = cli.run(args);
      assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isZero();
      assertThat(r.out()).as(String.join(" ", args)).contains("Usage: assay");
    }
  }

  @Test
  void inputErrorsExitTwoWithOneLine() throws Exception {
    String run = firstRun();
    cli.write("bad-policy.yaml", "require:\n  - suite: suite.yaml\n    baseline: champion\n");
    cli.write("behaviours.yaml", "behaviours:\n  - {id: a, criticality: urgent, tags: {half: a}}\n");
    cli.write("bad-checkpoint.json", "{\"format_version\": 1, \"seq\": \"x\"}");
    oneLineInputError(cli.run("models", "show", "ghost"), "unknown model 'ghost'");
    oneLineInputError(cli.run("models", "register", "bad/name", "--run", run), "invalid model name 'bad/name'");
    oneLineInputError(cli.run("models", "register", "m"), "give either --run RUN_ID or --suite");
    oneLineInputError(cli.run("models", "register", "m", "--run", run, "--policy", "bad-policy.yaml"),
        "bad-policy.yaml:3", "require[1].baseline", "unknown baseline 'champion'");
    assertThat(cli.run("models", "list", "--format", "json").out()).as("nothing registered")
        .contains("\"models\" : [ ]");
    assertThat(cli.run("models", "register", "m", "--run", run).code()).isZero();
    oneLineInputError(cli.run("models", "promote", "m", "1", "--to", "champion", "--override"),
        "--override needs --reason");
    oneLineInputError(cli.run("models", "promote", "m", "1", "--to", "champion", "--reason", "x"),
        "--reason goes with --override");
    oneLineInputError(cli.run("models", "promote", "m", "7", "--to", "champion"), "no version 7");
    oneLineInputError(cli.run("models", "rollback", "m", "--alias", "champion"), "no earlier holder");
    oneLineInputError(cli.run("models", "register", "m", "--run", run), "is this system already");
    oneLineInputError(cli.run("audit", "list", "--since", "last tuesday"), "--since 'last tuesday'");
    oneLineInputError(cli.run("audit", "verify", "--checkpoint", "bad-checkpoint.json"), "bad-checkpoint.json",
        "'seq'");
    CliHarness.Result xml = cli.run("scorecard", "--format", "xml");
    assertThat(xml.code()).as(xml.toString()).isEqualTo(2);
    assertThat(xml.err()).startsWith("error: ").contains("'--format'", "[text, json, md, html]", "'xml'");
    oneLineInputError(cli.run("scorecard", "--behaviours", "behaviours.yaml"), "behaviours.yaml:2",
        "unknown criticality 'urgent'");
    oneLineInputError(cli.run("coverage", "behaviours.yaml"), "give either --model NAME or one or more --suite");
    oneLineInputError(cli.run("rerun", "nope-nope"), "unknown run id 'nope-nope'");
    oneLineInputError(cli.run("card", "--model", "m"), "names no version");
  }

  /**
   * The scorecard's window and "computed" time read as people write times: to the second in UTC,
   * in every format meant for people (the system clock here has sub-second digits to leak).
   */
  @Test
  void theScorecardShowsTimesToTheSecond() throws Exception {
    firstRun();
    java.util.regex.Pattern iso = java.util.regex.Pattern.compile("\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    String when = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC";
    for (String format : List.of("html", "md", "text")) {
      CliHarness.Result r = cli.run("scorecard", "--format", format);
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(iso.matcher(r.out()).find()).as(format + ": no raw instant\n" + r.out()).isFalse();
      if (format.equals("text")) {
        assertThat(r.out().lines().findFirst().orElseThrow()).matches("scorecard: every model, " + when + " to "
            + when);
      } else {
        assertThat(r.out()).containsPattern("From " + when + " to " + when + "; computed " + when + " from");
      }
    }
  }

  /** Counts read as English: a fresh store's log holds one entry, not "1 entries". */
  @Test
  void countsTakeTheRightNumber() {
    CliHarness.Result r = cli.run("audit", "verify");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("audit log verified: 1 entry, head entry 1 ").contains("; 0 stored objects match");
  }

  @Test
  void namesAndReasonsReachTheTerminalEscaped() throws Exception {
    String run = firstRun();
    assertThat(cli.run("models", "register", "m", "--run", run).code()).isZero();
    CliHarness.Result o = cli.run("models", "promote", "m", "1", "--to", "champion", "--override", "--reason",
        "ship it\u001b[2J\u0007 now");
    assertThat(o.code()).as(o.toString()).isZero();
    CliHarness.Result h = cli.run("models", "history", "m");
    assertThat(h.out()).contains("OVERRIDE: ship it\\u001b[2J\\u0007 now").doesNotContain("\u001b");
    JsonNode json = Json.MAPPER.readTree(cli.run("models", "history", "m", "--format", "json").out());
    assertThat(json.path("moves").get(0).path("reason").asText()).isEqualTo("ship it\u001b[2J\u0007 now");
  }

  @Test
  void aVersionFromASuiteAndItsCard() throws Exception {
    CliHarness.Result r = cli.run("models", "register", "m", "--suite", "suite.yaml", "--system", "upper",
        "--description", "the upper-case baseline", "--artifact", "s3://models/upper");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("registered m version 1: fake system", "0 run(s)");
    oneLineInputError(cli.run("models", "register", "m", "--suite", "suite.yaml", "--system", "nope"),
        "no system 'nope' in the suite");
    firstRun();
    JsonNode show = Json.MAPPER.readTree(cli.run("models", "show", "m", "--format", "json").out());
    assertThat(show.path("versions").get(0).path("runs").asInt()).as("the run made after registration counts").isOne();
    assertThat(show.path("versions").get(0).path("artifact_uri").asText()).isEqualTo("s3://models/upper");
    assertThat(cli.run("models", "promote", "m", "1", "--to", "champion", "--override", "--reason", "first").code())
        .isZero();
    CliHarness.Result card = cli.run("card", "--model", "m@champion", "--output", "cards");
    assertThat(card.code()).as(card.toString()).isZero();
    String md = Files.readString(dir.resolve("cards/card-m-v1.md"));
    assertThat(md).contains("# Model card: `m@1`", "## Registry", "| aliases held | champion |",
        "| artifact | `s3://models/upper` |", "| champion | `m@1` |");
    assertThat(dir.resolve("cards/card-m-v1.html")).exists();
  }

  @Test
  void exportWritesTheChainAsJsonLines() throws Exception {
    firstRun();
    CliHarness.Result out = cli.run("audit", "export");
    assertThat(out.code()).isZero();
    CliHarness.Result file = cli.run("audit", "export", "--output", "log.jsonl");
    assertThat(file.code()).isZero();
    assertThat(file.err()).contains("wrote 4 entries");
    List<String> lines = Files.readAllLines(dir.resolve("log.jsonl"));
    assertThat(lines).isEqualTo(out.out().lines().toList());
    AuditEntry previous = null;
    List<String> actions = new ArrayList<>();
    for (String line : lines) {
      JsonNode e = Json.MAPPER.readTree(line);
      List<String> subjects = new ArrayList<>();
      e.path("subjects").forEach(s -> subjects.add(s.asText()));
      AuditEntry rebuilt = AuditEntry.next(previous, java.time.Instant.parse(e.path("at").asText()),
          e.path("actor").asText(), new AuditEvent(e.path("action").asText(), subjects,
              e.path("content_hash").isNull() ? null : e.path("content_hash").asText()));
      assertThat(rebuilt.hash()).as("the exported chain re-verifies outside assay").isEqualTo(e.path("hash").asText());
      previous = rebuilt;
      actions.add(e.path("action").asText());
    }
    assertThat(actions).containsExactly("audit.started", "dataset.stored", "run.created", "run.completed");
    CliHarness.Result csv = cli.run("audit", "export", "--format", "csv");
    assertThat(csv.code()).as(csv.toString()).isEqualTo(2);
    assertThat(csv.err()).startsWith("error: ").contains("'--format'", "[jsonl]", "'csv'");
  }

  @Test
  void coverageOfSuitesGivenOnTheCommandLine() throws Exception {
    cli.write("behaviours.yaml", """
        min_examples: 15
        behaviours:
          - {id: first-half, criticality: critical, tags: {half: a}}
          - {id: second-half, criticality: low, tags: {half: b}}
          - {id: refunds, criticality: high, tags: {topic: refunds}}
        """);
    CliHarness.Result r = cli.run("coverage", "behaviours.yaml", "--suite", "suite.yaml");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("regression coverage: 62.5%", "first-half", "20 of 20 examples protected in cli-test by "
        + "non_inferiority exact_match, no_regressions exact_match (tag half=a)", "refunds", "(no suite shows it)");
    JsonNode json = Json.MAPPER.readTree(cli.run("coverage", "behaviours.yaml", "--suite", "suite.yaml", "--format",
        "json").out());
    assertThat(json.path("coverage").asDouble()).isEqualTo(5.0 / 8);
  }
}
