package dev.assay.cli;

import static dev.assay.cli.InputErrorAssert.oneLineInputError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay ab analyze|correlate}: verdict exit codes, SRM withholding, JSON, HTML, input errors. */
class AbCommandTest {
  @TempDir
  Path dir;

  private static final String CONFIG = """
      variant: arm
      control: A
      treatment: B
      split: {A: 1, B: 1}
      metrics:
        - {name: revenue, column: revenue, covariate: pre, rule: superiority}
        - {name: ctr, numerator: clicks, denominator: sessions, rule: non_inferiority, margin: 10%}
      """;

  /** Units with a pre-period covariate; B lifts revenue by {@code lift}; B keeps {@code keep} of its units. */
  private Path events(String name, long seed, int units, double lift, double keep) throws IOException {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder("user,arm,day,pre,revenue,sessions,clicks\n");
    for (int i = 0; i < units; i++) {
      boolean b = r.nextBoolean();
      if (b && r.nextDouble() > keep) {
        continue;
      }
      double pre = 20 + 5 * r.nextGaussian();
      double revenue = 0.8 * pre + 3 * r.nextGaussian() + (b ? lift : 0);
      int sessions = 1 + r.nextInt(5);
      int clicks = 0;
      for (int s = 0; s < sessions; s++) {
        clicks += r.nextDouble() < 0.2 ? 1 : 0;
      }
      sb.append("u").append(i).append(',').append(b ? "B" : "A").append(',').append(1 + i * 10 / units).append(',')
          .append(pre).append(',').append(revenue).append(',').append(sessions).append(',').append(clicks)
          .append('\n');
    }
    Path p = dir.resolve(name);
    Files.writeString(p, sb.toString());
    return p;
  }

  private CliHarness cli() {
    return new CliHarness(dir);
  }

  @Test
  void theVarianceReductionReadsAsAnAmountNotAChange() throws IOException {
    events("e.csv", 1, 6000, 1.0, 1.0);
    Files.writeString(dir.resolve("ab.yaml"), CONFIG);
    CliHarness.Result r = cli().run("ab", "analyze", "e.csv", "--config", "ab.yaml", "--html", "ab.html");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).containsPattern("variance reduced by [0-9.]+% \\(unadjusted").doesNotContain("reduced by +");
    assertThat(Files.readString(dir.resolve("ab.html"))).doesNotContain("<td class=\"n\">+");
  }

  @Test
  void aClearWinPassesWithCupedReducingVariance() throws IOException {
    events("e.csv", 1, 6000, 1.0, 1.0);
    Files.writeString(dir.resolve("ab.yaml"), CONFIG);
    CliHarness.Result r = cli().run("ab", "analyze", "e.csv", "--config", "ab.yaml", "--format", "json", "--html",
        "ab.html");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertThat(j.get("verdict").asText()).isEqualTo("PASS");
    assertThat(j.get("srm").get("flagged").asBoolean()).isFalse();
    JsonNode revenue = j.get("metrics").get(0);
    assertThat(revenue.get("cuped").get("variance_reduction").asDouble()).isBetween(0.5, 0.8);
    assertThat(revenue.get("difference").get("estimate").asDouble()).isBetween(0.7, 1.3);
    assertThat(revenue.get("difference").get("standard_error").asDouble())
        .isLessThan(revenue.get("unadjusted_difference").get("standard_error").asDouble());
    assertThat(j.get("metrics").get(1).get("kind").asText()).isEqualTo("ratio");
    assertThat(j.get("multiplicity").asText()).isEqualTo("holm");
    assertThat(r.err()).contains("wrote");
    assertThat(Files.readString(dir.resolve("ab.html"))).contains("PASS", "<svg", "revenue").doesNotContain("<script");
  }

  @Test
  void aSampleRatioMismatchWithholdsTheVerdict() throws IOException {
    events("srm.csv", 2, 6000, 1.0, 0.85);
    Files.writeString(dir.resolve("ab.yaml"), CONFIG);
    CliHarness.Result r = cli().run("ab", "analyze", "srm.csv", "--config", "ab.yaml");
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.out()).contains("MISMATCH", "verdict: INCONCLUSIVE", "sample ratio mismatch");
  }

  @Test
  void aLossFailsTheSuperiorityRule() throws IOException {
    events("loss.csv", 3, 6000, -1.0, 1.0);
    Files.writeString(dir.resolve("ab.yaml"), CONFIG);
    CliHarness.Result r = cli().run("ab", "analyze", "loss.csv", "--config", "ab.yaml");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("verdict: FAIL");
  }

  @Test
  void sequentialLooksGiveAlwaysValidResults() throws IOException {
    events("e.csv", 4, 6000, 1.0, 1.0);
    Files.writeString(dir.resolve("seq.yaml"), CONFIG.replace("metrics:", "sequential: {look: day}\nmetrics:"));
    CliHarness.Result r = cli().run("ab", "analyze", "e.csv", "--config", "seq.yaml", "--format", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode seq = Json.MAPPER.readTree(r.out()).get("metrics").get(0).get("sequential");
    assertThat(seq.get("looks").asInt()).isEqualTo(10);
    assertThat(seq.get("always_valid_p").asDouble()).isLessThan(0.05);
    assertThat(seq.get("lower").asDouble()).isPositive();
  }

  @Test
  void badInputNamesFileLineAndField() throws IOException {
    Files.writeString(dir.resolve("ab.yaml"), CONFIG);
    Files.writeString(dir.resolve("bad.csv"), "user,arm,day,pre,revenue,sessions,clicks\nu1,A,1,3,abc,1,0\n");
    oneLineInputError(cli().run("ab", "analyze", "bad.csv", "--config", "ab.yaml"), "bad.csv:2", "revenue",
        "not a number");
    Files.writeString(dir.resolve("typo.yaml"), CONFIG.replace("rule: superiority", "rule: superority"));
    oneLineInputError(cli().run("ab", "analyze", "bad.csv", "--config", "typo.yaml"), "typo.yaml:6",
        "unknown rule 'superority'");
    Files.writeString(dir.resolve("nomargin.yaml"), CONFIG.replace(", margin: 10%", ""));
    oneLineInputError(cli().run("ab", "analyze", "bad.csv", "--config", "nomargin.yaml"), "nomargin.yaml",
        "needs a margin");
    Files.writeString(dir.resolve("nocol.csv"), "user,arm\nu1,A\n");
    oneLineInputError(cli().run("ab", "analyze", "nocol.csv", "--config", "ab.yaml"), "nocol.csv", "revenue",
        "no such column");
  }

  @Test
  void correlateReportsKendallTauWithAnInterval() throws IOException {
    Files.writeString(dir.resolve("v.csv"), "version,offline,online\nv1,0.01,0.002\nv2,0.03,0.004\nv3,-0.01,-0.003\n"
        + "v4,0.05,0.009\nv5,0.02,0.001\nv6,0.04,0.006\n");
    CliHarness.Result r = cli().run("ab", "correlate", "v.csv", "--format", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode j = Json.MAPPER.readTree(r.out());
    // Orders: offline v3<v1<v5<v2<v6<v4, online v3<v5<v1<v2<v6<v4: one discordant pair of 15.
    assertThat(j.get("kendall_tau_b").asDouble()).isEqualTo(13.0 / 15);
    assertThat(j.get("lower").asDouble()).isLessThan(j.get("kendall_tau_b").asDouble());
    oneLineInputError(cli().run("ab", "correlate", "v.csv", "--online", "nope"), "nope", "no such column");
  }
}
