package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the store keeps is enough: runs are compared, clustered and gated (no_regressions reads the
 * examples' tags) after their dataset file is deleted or edited; every verdict is recorded and
 * listed; a model card lists the system's verdicts; plans travel with a copied store file.
 */
class StoredEvidenceTest {
  @TempDir Path dir;
  CliHarness cli;

  static final String GATE = "cluster: doc\ngate:\n  rules:\n"
      + "    - {rule: non_inferiority, metric: exact_match, margin: 0.2}\n"
      + "    - {rule: no_regressions, metric: exact_match, tag: \"half=a\"}\n";

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    // 40 questions in 10 documents of 4; the reference is the question upper-cased (every 4th is not).
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      String ref = i % 4 == 3 ? "nope" : ("QUESTION " + i);
      sb.append("{\"id\":\"q").append(i).append("\",\"input\":\"question ").append(i).append("\",\"reference\":\"")
          .append(ref).append("\",\"doc\":\"d").append(i / 4).append("\",\"tags\":{\"half\":\"")
          .append(i < 20 ? "a" : "b").append("\"}}\n");
    }
    cli.write("data.jsonl", sb.toString());
    cli.suite("suite.yaml", GateCommandTest.TWO, GATE);
  }

  private JsonNode json(CliHarness.Result r) throws Exception {
    assertThat(r.code()).as(r.toString()).isIn(0, 1, 3);
    return Json.MAPPER.readTree(r.out());
  }

  @Test
  void comparisonsClustersAndNoRegressionsReadTheStoredDataset() throws Exception {
    JsonNode gated = json(cli.run("gate", "suite.yaml", "--candidate", "upper2", "--format", "json",
        "--replicates", "500"));
    String base = gated.path("baseline").asText();
    String cand = gated.path("candidate").asText();
    String[] args = {"compare", base, cand, "--gate", "suite.yaml", "--format", "json", "--replicates", "500"};
    JsonNode before = json(cli.run(args));
    assertThat(before.path("resampling").asText()).isEqualTo("cluster:doc");
    assertThat(before.path("gate").path("rules").get(1).path("n").asInt()).as("examples tagged half=a").isEqualTo(20);

    Files.delete(dir.resolve("data.jsonl"));
    JsonNode deleted = json(cli.run(args));
    Files.writeString(dir.resolve("data.jsonl"), "{\"id\":\"other\",\"input\":\"x\",\"doc\":\"z\"}\n");
    JsonNode edited = json(cli.run(args));
    for (JsonNode after : new JsonNode[] {deleted, edited}) {
      assertThat(after.path("clusters").asInt()).isEqualTo(10);
      assertThat(after.path("comparisons")).isEqualTo(before.path("comparisons"));
      assertThat(after.path("gate").path("rules")).isEqualTo(before.path("gate").path("rules"));
      assertThat(after.path("gate").path("verdict")).isEqualTo(before.path("gate").path("verdict"));
    }
  }

  @Test
  void verdictsAreListedShownAndOnTheCard() throws Exception {
    JsonNode first = json(cli.run("gate", "suite.yaml", "--candidate", "upper2", "--format", "json",
        "--replicates", "300"));
    JsonNode second = json(cli.run("gate", "suite.yaml", "--candidate", "echo", "--format", "json",
        "--replicates", "300"));
    assertThat(second.path("verdict").asText()).isEqualTo("FAIL");

    JsonNode list = json(cli.run("verdicts", "list", "--format", "json"));
    assertThat(list.path("verdicts")).hasSize(2);
    assertThat(list.path("verdicts").get(0).path("verdict_id").asText()).as("newest first")
        .isEqualTo(second.path("verdict_id").asText());
    JsonNode echo = json(cli.run("verdicts", "list", "--system", "echo", "--format", "json"));
    assertThat(echo.path("verdicts")).hasSize(1);
    assertThat(json(cli.run("verdicts", "list", "--suite", "nope", "--format", "json")).path("verdicts")).isEmpty();

    String id = first.path("verdict_id").asText();
    // A unique prefix will do (ids made in the same second share their first characters).
    CliHarness.Result shown = cli.run("verdicts", "show", id.substring(0, 30));
    assertThat(shown.code()).as(shown.toString()).isZero();
    assertThat(shown.out()).contains(id, "non_inferiority", "no_regressions", "exact_match",
        first.path("verdict").asText());
    JsonNode shownJson = json(cli.run("verdicts", "show", id, "--format", "json"));
    // The stored record says what the gate printed (compared as text: number node types differ).
    assertThat(shownJson.path("detail").path("rules").toString()).isEqualTo(first.path("rules").toString());

    CliHarness.Result card = cli.run("card", "upper");
    assertThat(card.code()).as(card.toString()).isZero();
    String md = Files.readString(dir.resolve("card-upper.md"));
    assertThat(md).contains("## Ship decisions", id, second.path("verdict_id").asText(), "FAIL")
        .doesNotContain("does not store gate verdicts");

    CliHarness.Result unknown = cli.run("verdicts", "show", "nope-nope");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("error: ").contains("nope-nope");
  }

  @Test
  void plansAndVerdictsTravelWithACopiedStore() throws Exception {
    CliHarness.Result plan = cli.run("plan", "suite.yaml", "--hypothesis", "upper2 is no worse than upper",
        "--format", "json");
    assertThat(plan.code()).as(plan.toString()).isZero();
    JsonNode verdict = json(cli.run("gate", "suite.yaml", "--candidate", "upper2", "--format", "json",
        "--replicates", "300"));
    assertThat(verdict.path("plan").path("status").asText()).isEqualTo("pre_registered");

    // Another machine: only the store file, in another folder, no suite, no dataset, no plans/ folder.
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.copy(cli.storeFile(), elsewhere.resolve("copy.db"), StandardCopyOption.COPY_ATTRIBUTES);
    CliHarness other = new CliHarness(elsewhere);
    JsonNode listed = json(other.run("verdicts", "list", "--store", "copy.db", "--format", "json"));
    assertThat(listed.path("verdicts")).hasSize(1);
    assertThat(listed.path("verdicts").get(0).path("plan_status").asText()).isEqualTo("pre_registered");
    JsonNode again = json(other.run("compare", verdict.path("baseline").asText(), verdict.path("candidate").asText(),
        "--gate", dir.resolve("suite.yaml").toString(), "--store", "copy.db", "--format", "json", "--replicates", "300"));
    assertThat(again.path("gate").path("plan").path("status").asText()).as("the plan is in the copied store")
        .isEqualTo("pre_registered");
  }
}
