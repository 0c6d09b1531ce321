package dev.assay.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.Counts;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Lineage;
import dev.assay.core.RunIds;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.SystemSpec;
import dev.assay.core.Verdict;
import dev.assay.core.VerdictRecord;
import dev.assay.core.registry.AliasMove;
import dev.assay.core.registry.ModelVersion;
import dev.assay.testkit.InMemoryRegistry;
import dev.assay.testkit.InMemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promotion against a policy and stored verdicts, with every freshness rule; rollback; overrides. */
class ModelRegistryTest {
  @TempDir Path dir;
  private final InMemoryStore store = new InMemoryStore();
  private final InMemoryRegistry registry = new InMemoryRegistry();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T00:00:00Z"));
  private String datasetHash = "d1";
  private String gateHash = "g1";
  private ModelRegistry models;
  private Path policy;

  private static final SystemSpec OLD = spec("old", "a.jsonl");
  private static final SystemSpec NEW = spec("new", "b.jsonl");

  static SystemSpec spec(String name, String path) {
    var params = Json.object();
    params.put("path", path);
    return new SystemSpec(name, "predictions", params, 0);
  }

  @BeforeEach
  void setUp() throws Exception {
    CurrentSuite.Source suites = file -> new CurrentSuite("qa", datasetHash, gateHash, null);
    models = new ModelRegistry(store, registry, suites, clock, new Actor("local:alice", true));
    policy = dir.resolve("policy.yaml");
    Files.writeString(policy, "aliases: [champion]\nrequire:\n  - suite: qa.yaml\n");
  }

  private RunRecord run(SystemSpec spec) {
    RunRecord r = RunRecord.started(RunIds.next(), "qa", "/qa.yaml", "sh", Json.object(), spec, null, "d.jsonl",
        datasetHash, 10, 1, List.of("exact_match"), null, null, new Lineage("0.1", "c0", false, "j", "o"), 0,
        clock.instant());
    store.createRun(r);
    RunRecord done = r.finish(RunStatus.COMPLETED, clock.instant(), new Counts(10, 0, Map.of()), Map.of());
    store.updateRun(done);
    clock.tick();
    return done;
  }

  private VerdictRecord verdict(RunRecord baseline, RunRecord candidate, Verdict v) {
    return verdict(baseline, candidate, v, "no_plan");
  }

  private VerdictRecord verdict(RunRecord baseline, RunRecord candidate, Verdict v, String plan) {
    VerdictRecord rec = new VerdictRecord(RunIds.next(), clock.instant(), v, "qa", baseline.systemName(),
        candidate.systemName(), baseline.runId(), candidate.runId(), baseline.runId(), candidate.runId(), gateHash,
        datasetHash, plan, null, "0.1", Json.object());
    store.saveVerdict(rec);
    clock.tick();
    return rec;
  }

  /** v1 = OLD holds champion (by override), v2 = NEW registered after it. */
  private void twoVersionsWithAChampion() {
    models.registerRun("m", run(OLD).runId(), ModelRegistry.Metadata.NONE, policy);
    models.registerRun("m", run(NEW).runId(), ModelRegistry.Metadata.NONE, null);
    models.promote("m", 1, "champion", "initial champion");
  }

  @Test
  void versionsAreNumberedAndASystemIsRegisteredOnce() {
    RunRecord a = run(OLD);
    ModelVersion v1 = models.registerRun("m", a.runId(), new ModelRegistry.Metadata("baseline", null, "s3://x"),
        policy);
    assertThat(v1.number()).isEqualTo(1);
    assertThat(v1.sourceCommit()).as("from the run's lineage").isEqualTo("c0");
    assertThat(registry.policy("m")).isPresent();
    assertThat(models.registerRun("m", run(NEW).runId(), ModelRegistry.Metadata.NONE, null).number()).isEqualTo(2);
    assertThatThrownBy(() -> models.registerRun("m", run(OLD).runId(), ModelRegistry.Metadata.NONE, null))
        .isInstanceOf(InputException.class).hasMessageContaining("version 1 of model 'm' is this system already");
  }

  @Test
  void aBadPolicyRegistersNothing() throws Exception {
    Files.writeString(policy, "require:\n  - suite: qa.yaml\n    baseline: champion\n");
    RunRecord a = run(OLD);
    assertThatThrownBy(() -> models.registerRun("m", a.runId(), ModelRegistry.Metadata.NONE, policy))
        .isInstanceOf(InputException.class).hasFieldOrPropertyWithValue("field", "require[1].baseline");
    assertThat(registry.models()).isEmpty();
  }

  @Test
  void promotionNeedsAFreshPassAgainstTheHolder() {
    twoVersionsWithAChampion();
    RunRecord oldRun = run(OLD);
    RunRecord newRun = run(NEW);
    ModelRegistry.PromotionResult none = models.promote("m", 2, "champion", null);
    assertThat(none.moved()).isFalse();
    assertThat(none.promotion().unmet()).singleElement().asString().contains("no fresh verdict");

    verdict(oldRun, newRun, Verdict.FAIL);
    assertThat(models.promote("m", 2, "champion", null).promotion().unmet()).singleElement().asString()
        .contains("is FAIL");
    verdict(oldRun, newRun, Verdict.INCONCLUSIVE);
    assertThat(models.promote("m", 2, "champion", null).promotion().unmet()).singleElement().asString()
        .contains("is INCONCLUSIVE").contains("INCONCLUSIVE is not PASS");
    VerdictRecord pass = verdict(oldRun, newRun, Verdict.PASS);
    ModelRegistry.PromotionResult ok = models.promote("m", 2, "champion", null);
    assertThat(ok.moved()).isTrue();
    assertThat(ok.move().kind()).isEqualTo(AliasMove.Kind.PROMOTION);
    assertThat(ok.move().evidence()).containsExactly(pass.id());
    assertThat(ok.promotion().outcomes().get(0).stale()).hasSize(2).allMatch(s -> s.contains("superseded"));
    assertThat(registry.aliases("m")).containsEntry("champion", 2);
  }

  @Test
  void staleVerdictsDoNotCountAndSayWhy() {
    RunRecord early = run(NEW); // before v2 is registered
    twoVersionsWithAChampion();
    RunRecord oldRun = run(OLD);
    RunRecord newRun = run(NEW);
    RunRecord otherBaseline = run(spec("third", "c.jsonl"));
    verdict(oldRun, early, Verdict.PASS);
    verdict(otherBaseline, newRun, Verdict.PASS);
    gateHash = "g-old";
    verdict(oldRun, newRun, Verdict.PASS);
    gateHash = "g1";
    datasetHash = "d-old";
    verdict(oldRun, newRun, Verdict.PASS);
    datasetHash = "d1";
    Promotion p = models.evaluate("m", 2, "champion");
    assertThat(p.allowed()).isFalse();
    assertThat(p.outcomes().get(0).stale()).hasSize(4).anyMatch(s -> s.contains("started before version 2"))
        .anyMatch(s -> s.contains("not a run of version 1, which holds the alias"))
        .anyMatch(s -> s.contains("applied another gate")).anyMatch(s -> s.contains("made on dataset d-old"));
  }

  @Test
  void maxAgeAndPreRegistrationAreHonoured() throws Exception {
    Files.writeString(policy, "require:\n  - {suite: qa.yaml, plan: pre_registered}\nfreshness:\n  max_age: 7d\n");
    twoVersionsWithAChampion();
    RunRecord oldRun = run(OLD);
    RunRecord newRun = run(NEW);
    verdict(oldRun, newRun, Verdict.PASS, "post_hoc");
    assertThat(models.evaluate("m", 2, "champion").outcomes().get(0).stale()).singleElement().asString()
        .contains("not pre-registered");
    verdict(oldRun, newRun, Verdict.PASS, "pre_registered");
    assertThat(models.evaluate("m", 2, "champion").allowed()).isTrue();
    clock.advance(Duration.ofDays(8));
    assertThat(models.evaluate("m", 2, "champion").allowed()).isFalse();
  }

  @Test
  void overridesAreRecordedWithTheirReasonAndOnlyForAdmins() {
    twoVersionsWithAChampion();
    AliasMove first = registry.aliasHistory("m").get(0);
    assertThat(first.kind()).isEqualTo(AliasMove.Kind.OVERRIDE);
    assertThat(first.reason()).isEqualTo("initial champion");
    assertThat(first.actor()).isEqualTo("local:alice");
    assertThat(first.detail().path("unmet").get(0).asText()).contains("no fresh verdict");
    ModelRegistry viewer = new ModelRegistry(store, registry, f -> new CurrentSuite("qa", datasetHash, gateHash,
        null), clock, new Actor("token:viewer", false));
    assertThatThrownBy(() -> viewer.promote("m", 2, "champion", "trust me")).isInstanceOf(NotAllowedException.class);
    assertThatThrownBy(() -> models.promote("m", 2, "champion", "  ")).isInstanceOf(InputException.class);
    assertThat(registry.aliases("m")).containsEntry("champion", 1);
  }

  @Test
  void aliasesThePolicyDoesNotGovernMoveFreelyAndNoPolicyMeansNoPromotion() {
    twoVersionsWithAChampion();
    ModelRegistry.PromotionResult free = models.promote("m", 2, "challenger", null);
    assertThat(free.moved()).isTrue();
    assertThat(free.promotion().governed()).isFalse();
    models.registerRun("n", run(spec("x", "x.jsonl")).runId(), ModelRegistry.Metadata.NONE, null);
    ModelRegistry.PromotionResult refused = models.promote("n", 1, "champion", null);
    assertThat(refused.moved()).isFalse();
    assertThat(refused.promotion().unmet()).singleElement().asString().contains("has no promotion policy");
  }

  @Test
  void rollbacksUnwindThePromotions() {
    twoVersionsWithAChampion();
    models.registerRun("m", run(spec("v3", "v3.jsonl")).runId(), ModelRegistry.Metadata.NONE, null);
    models.promote("m", 2, "champion", "fast track");
    models.promote("m", 3, "champion", "fast track");
    assertThat(models.rollback("m", "champion", "v3 regressed").to()).isEqualTo(2);
    assertThat(models.rollback("m", "champion", null).to()).isEqualTo(1);
    assertThatThrownBy(() -> models.rollback("m", "champion", null)).isInstanceOf(InputException.class)
        .hasMessageContaining("no earlier holder");
    assertThat(registry.aliases("m")).containsEntry("champion", 1);
    assertThat(registry.aliasHistory("m")).extracting(AliasMove::kind).containsExactly(AliasMove.Kind.OVERRIDE,
        AliasMove.Kind.OVERRIDE, AliasMove.Kind.OVERRIDE, AliasMove.Kind.ROLLBACK, AliasMove.Kind.ROLLBACK);
    assertThat(registry.aliasHistory("m").get(3).reason()).isEqualTo("v3 regressed");
  }

  /** A clock tests move by hand: each run and verdict gets its own instant. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      now = start;
    }

    void tick() {
      now = now.plusSeconds(1);
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
