package dev.assay.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.InputException;
import dev.assay.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans: hashing, storage, tamper detection, and the pre-registered / post hoc / no plan judgement. */
class PlanTest {
  @TempDir Path dir;

  static final String DATA = "d".repeat(64);
  static final String GATE = "g".repeat(64);
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  static Plan plan(Instant at, String gateHash) {
    return Plan.create(at, "  the candidate is no worse on exact_match  ", "suite.yaml", "s".repeat(64), DATA,
        gateHash, "suite.yaml");
  }

  @Test
  void hashCoversEveryFieldAndSurvivesARoundTrip() {
    Plan p = plan(T0, GATE);
    assertThat(p.hash()).hasSize(64).isEqualTo(plan(T0, GATE).hash());
    assertThat(p.hypothesis()).isEqualTo("the candidate is no worse on exact_match");
    assertThat(plan(T0.plusNanos(1), GATE).hash()).isNotEqualTo(p.hash());
    assertThat(plan(T0, "h".repeat(64)).hash()).isNotEqualTo(p.hash());
    assertThat(Plan.fromJson(p.toJson(), dir.resolve("p.json"))).isEqualTo(p);
  }

  @Test
  void registryStoresPlansOldestFirstAndRejectsEditedOnes() throws Exception {
    PlanRegistry registry = new PlanRegistry(dir.resolve("plans"));
    assertThat(registry.all()).isEmpty();
    Plan late = plan(T0.plusSeconds(60), GATE);
    Plan early = plan(T0, GATE);
    Path file = registry.save(late);
    registry.save(early);
    assertThat(file.getFileName().toString()).isEqualTo(late.hash() + ".json");
    assertThat(registry.all()).containsExactly(early, late);

    Files.writeString(file, Files.readString(file).replace("no worse", "better"));
    assertThatThrownBy(registry::all).isInstanceOf(InputException.class)
        .hasMessageContaining("the plan was edited after it was made");
    Files.writeString(file, "{not json");
    assertThatThrownBy(registry::all).isInstanceOf(InputException.class).hasMessageContaining("invalid JSON");
    Files.delete(file);
    Files.writeString(dir.resolve("plans/renamed.json"), Json.MAPPER.writeValueAsString(early.toJson()));
    assertThatThrownBy(registry::all).isInstanceOf(InputException.class)
        .hasMessageContaining("file name does not match");
  }

  @Test
  void aMatchingPlanBeforeTheRunsIsPreRegistered() {
    Plan p = plan(T0, GATE);
    PlanCheck c = PlanCheck.judge(List.of(p), GATE, DATA, T0.plusMillis(1));
    assertThat(c.status()).isEqualTo(PlanStatus.PRE_REGISTERED);
    assertThat(c.plan()).isEqualTo(p);
    assertThat(c.toJson().path("pre_registered").asBoolean()).isTrue();
    assertThat(c.toJson().path("plan_hash").asText()).isEqualTo(p.hash());
    assertThat(c.toJson().path("hypothesis").asText()).isEqualTo(p.hypothesis());
  }

  @Test
  void aPlanAtOrAfterTheRunsOrWithUnknownRunTimesIsPostHoc() {
    Plan p = plan(T0, GATE);
    assertThat(PlanCheck.judge(List.of(p), GATE, DATA, T0).status()).isEqualTo(PlanStatus.POST_HOC);
    PlanCheck after = PlanCheck.judge(List.of(p), GATE, DATA, T0.minusSeconds(5));
    assertThat(after.status()).isEqualTo(PlanStatus.POST_HOC);
    assertThat(after.reason()).contains("after the runs started");
    PlanCheck unknown = PlanCheck.judge(List.of(p), GATE, DATA, null);
    assertThat(unknown.status()).isEqualTo(PlanStatus.POST_HOC);
    assertThat(unknown.reason()).contains("start is unknown");
  }

  @Test
  void aChangedGateIsPostHocEvenWhenAnEarlierPlanMatchedTheData() {
    Plan p = plan(T0, GATE);
    PlanCheck c = PlanCheck.judge(List.of(p), "h".repeat(64), DATA, T0.plusSeconds(60));
    assertThat(c.status()).isEqualTo(PlanStatus.POST_HOC);
    assertThat(c.reason()).contains("the gate differs", p.shortHash());
    assertThat(c.toJson().path("pre_registered").asBoolean()).isFalse();
  }

  @Test
  void otherDataOrUnknownDataMeansNoPlan() {
    Plan p = plan(T0, GATE);
    assertThat(PlanCheck.judge(List.of(p), GATE, "e".repeat(64), T0.plusSeconds(1)).status())
        .isEqualTo(PlanStatus.NO_PLAN);
    assertThat(PlanCheck.judge(List.of(p), GATE, null, T0.plusSeconds(1)).reason()).contains("hash is unknown");
    assertThat(PlanCheck.judge(List.of(), GATE, DATA, T0.plusSeconds(1)).reason()).contains("no plan names");
  }

  @Test
  void reportsStateThePlan() {
    Plan p = plan(T0, GATE);
    Gate gate = new Gate(0.95, Multiplicity.HOLM, 0.8,
        List.of(Rule.atLeast("exact_match", 0.5)), "g.yaml", GATE);
    GateResult r = new GateResult(gate, Verdict.PASS, List.of(), "a", "b", 10, DATA)
        .withPlan(PlanCheck.judge(List.of(p), GATE, DATA, T0.plusSeconds(1)));
    assertThat(r.toJson().path("plan").path("status").asText()).isEqualTo("pre_registered");
    assertThat(GateReports.text(r, InconclusivePolicy.INCONCLUSIVE)).contains("plan: pre-registered: plan "
        + p.shortHash(), "hypothesis: \"the candidate is no worse on exact_match\"");
    assertThat(GateReports.junit(r)).contains("<property name=\"plan\" value=\"pre_registered\"/>",
        "<property name=\"plan.hash\" value=\"" + p.hash() + "\"/>");
    assertThat(GateReports.markdown(r)).contains("Plan: **pre-registered**", "Hypothesis: the candidate is no worse");
  }
}
