package dev.assay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.core.SystemSpec;
import dev.assay.core.registry.AliasMove;
import dev.assay.core.registry.Model;
import dev.assay.core.registry.ModelVersion;
import dev.assay.core.registry.PolicyRecord;
import dev.assay.core.registry.Registry;
import dev.assay.core.registry.Reproduction;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link Registry} keeps, as JUnit 5 tests. Extend it, implement {@link
 * #openRegistry} (and {@link #closeRegistry} when the registry lives in something that must be
 * closed); every test then runs against your registry.
 *
 * <p>"Reads back equal" means record equality, with JSON-valued fields ({@code system.params},
 * {@code detail}) compared by {@link Json#canonical} form and instants to the millisecond (the
 * fixtures use millisecond instants).
 */
public abstract class RegistryConformance {
  @TempDir protected Path dir;

  protected Registry registry;

  /** Opens a registry keeping its data under {@code dir}; called again on the same folder to test reopening. */
  protected abstract Registry openRegistry(Path dir);

  /** Closes what {@link #openRegistry} opened (its store), if anything. */
  protected void closeRegistry() {}

  /** False for registries that keep nothing after closing; skips the reopen test. */
  protected boolean supportsReopen() {
    return true;
  }

  @BeforeEach
  void openFresh() {
    registry = openRegistry(dir);
  }

  @AfterEach
  void close() {
    closeRegistry();
  }

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

  static SystemSpec spec(String name, String path) {
    ObjectNode params = Json.object();
    params.put("path", path);
    params.put("top_k", 100);
    params.putObject("nested").put("ünïcode", "\"quoted\"\n");
    return new SystemSpec(name, "predictions", params, 0);
  }

  static Model model(String name) {
    return new Model(name, T0, "local:alice", "a model called " + name);
  }

  static ModelVersion draft(String model, String path) {
    return new ModelVersion(model, 0, T0.plusSeconds(60), "local:alice", spec("cand", path), "c0ffee",
        "v from " + path, "abc123", "s3://bucket/" + path, "run-1");
  }

  static AliasMove move(String model, String alias, Integer from, int to, AliasMove.Kind kind) {
    ObjectNode detail = Json.object();
    detail.putArray("requirements").addObject().put("suite", "s").put("outcome", "PASS").put("estimate", 0.125);
    return new AliasMove(dev.assay.core.RunIds.next(), model, alias, from, to, kind, T0.plusSeconds(120), "local:bob",
        kind == AliasMove.Kind.OVERRIDE ? "hotfix: the old one leaks" : null,
        kind == AliasMove.Kind.PROMOTION ? List.of("verdict-1", "verdict-2") : List.of(), detail);
  }

  @Test
  void modelsReadBackAndAreListedByName() {
    registry.createModel(model("zeta"));
    registry.createModel(model("alpha"));
    registry.createModel(new Model("nodesc", T0, "local:alice", null));
    assertThat(registry.model("zeta")).contains(model("zeta"));
    assertThat(registry.model("nodesc").orElseThrow().description()).isNull();
    assertThat(registry.model("missing")).isEmpty();
    assertThat(registry.models()).extracting(Model::name).containsExactly("alpha", "nodesc", "zeta");
  }

  @Test
  void aModelNameIsTakenOnce() {
    registry.createModel(model("m"));
    assertThatThrownBy(() -> registry.createModel(new Model("m", T0, "other", "second")))
        .isInstanceOf(IllegalStateException.class);
    assertThat(registry.model("m").orElseThrow().description()).isEqualTo("a model called m");
  }

  @Test
  void versionsAreNumberedFromOneAndReadBackWithEveryField() {
    registry.createModel(model("m"));
    ModelVersion v1 = registry.addVersion(draft("m", "a.jsonl"));
    ModelVersion v2 = registry.addVersion(new ModelVersion("m", 99, T0, "local:carol", spec("x", "b.jsonl"), null,
        null, null, null, null));
    assertThat(v1.number()).isEqualTo(1);
    assertThat(v2.number()).isEqualTo(2);
    assertThat(registry.version("m", 1).map(RegistryConformance::normalised)).contains(normalised(v1));
    assertThat(registry.version("m", 2).map(RegistryConformance::normalised)).contains(normalised(v2));
    assertThat(registry.version("m", 2).orElseThrow().contentHash()).isNull();
    assertThat(registry.version("m", 3)).isEmpty();
    assertThat(registry.versions("m")).extracting(ModelVersion::number).containsExactly(1, 2);
    assertThat(registry.versions("missing")).isEmpty();
    assertThat(registry.version("m", 1).orElseThrow().specHash()).isEqualTo(v1.system().hash());
  }

  @Test
  void versionNumbersAreCountedPerModel() {
    registry.createModel(model("a"));
    registry.createModel(model("b"));
    registry.addVersion(draft("a", "1"));
    registry.addVersion(draft("a", "2"));
    assertThat(registry.addVersion(draft("b", "1")).number()).isEqualTo(1);
  }

  @Test
  void aVersionOfAnUnknownModelIsRefusedAndNothingStored() {
    assertThatThrownBy(() -> registry.addVersion(draft("ghost", "a"))).isInstanceOf(IllegalStateException.class);
    assertThat(registry.versions("ghost")).isEmpty();
  }

  @Test
  @Timeout(60)
  void concurrentRegistrationsNeverShareANumber() throws Exception {
    registry.createModel(model("m"));
    int threads = 4;
    int each = 10;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<Integer>>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      futures.add(pool.submit(() -> {
        go.await();
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < each; i++) {
          got.add(registry.addVersion(draft("m", thread + "-" + i)).number());
        }
        return got;
      }));
    }
    go.countDown();
    List<Integer> numbers = new ArrayList<>();
    for (Future<List<Integer>> f : futures) {
      numbers.addAll(f.get(30, TimeUnit.SECONDS));
    }
    pool.shutdown();
    Collections.sort(numbers);
    List<Integer> expected = new ArrayList<>();
    for (int i = 1; i <= threads * each; i++) {
      expected.add(i);
    }
    assertThat(numbers).isEqualTo(expected);
    assertThat(registry.versions("m")).hasSize(threads * each);
  }

  @Test
  void policiesAreRevisionedAndTheLatestGoverns() {
    registry.createModel(model("m"));
    assertThat(registry.policy("m")).isEmpty();
    PolicyRecord r1 = registry.setPolicy(new PolicyRecord("m", 0, T0, "local:alice", "require: []\n", "/p/one.yaml"));
    PolicyRecord r2 = registry.setPolicy(new PolicyRecord("m", 7, T0.plusSeconds(1), "local:bob",
        "# ünïcode\nrequire:\n  - suite: s.yaml\n", "/p/two.yaml"));
    assertThat(r1.revision()).isEqualTo(1);
    assertThat(r2.revision()).isEqualTo(2);
    assertThat(registry.policy("m")).contains(r2);
    assertThat(registry.policies("m")).containsExactly(r1, r2);
    assertThatThrownBy(() -> registry.setPolicy(new PolicyRecord("ghost", 0, T0, "a", "x", "/p")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anAliasMovesOnlyFromItsCurrentHolder() {
    registry.createModel(model("m"));
    registry.addVersion(draft("m", "1"));
    registry.addVersion(draft("m", "2"));
    AliasMove first = move("m", "champion", null, 1, AliasMove.Kind.OVERRIDE);
    registry.moveAlias(first);
    assertThat(registry.aliases("m")).isEqualTo(Map.of("champion", 1));
    assertThatThrownBy(() -> registry.moveAlias(move("m", "champion", null, 2, AliasMove.Kind.PROMOTION)))
        .as("the alias is held by 1, not by no one").isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> registry.moveAlias(move("m", "champion", 2, 2, AliasMove.Kind.PROMOTION)))
        .isInstanceOf(IllegalStateException.class);
    AliasMove second = move("m", "champion", 1, 2, AliasMove.Kind.PROMOTION);
    registry.moveAlias(second);
    AliasMove other = move("m", "challenger", null, 1, AliasMove.Kind.PROMOTION);
    registry.moveAlias(other);
    assertThat(registry.aliases("m")).isEqualTo(Map.of("champion", 2, "challenger", 1));
    assertThat(registry.aliasHistory("m").stream().map(RegistryConformance::normalised).toList())
        .containsExactly(normalised(first), normalised(second), normalised(other));
    assertThat(registry.aliasHistory("m").get(0).reason()).isEqualTo("hotfix: the old one leaks");
    assertThat(registry.aliasHistory("m").get(1).evidence()).containsExactly("verdict-1", "verdict-2");
    assertThat(registry.aliasHistory("m").get(1).detail().at("/requirements/0/estimate").doubleValue())
        .isEqualTo(0.125);
  }

  @Test
  void aMoveToAMissingVersionOrWithAKnownIdIsRefusedAndNothingStored() {
    registry.createModel(model("m"));
    registry.addVersion(draft("m", "1"));
    assertThatThrownBy(() -> registry.moveAlias(move("m", "champion", null, 5, AliasMove.Kind.PROMOTION)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> registry.moveAlias(move("ghost", "champion", null, 1, AliasMove.Kind.PROMOTION)))
        .isInstanceOf(IllegalStateException.class);
    AliasMove once = move("m", "champion", null, 1, AliasMove.Kind.PROMOTION);
    registry.moveAlias(once);
    AliasMove sameId = new AliasMove(once.id(), "m", "other", null, 1, AliasMove.Kind.PROMOTION, T0, "x", null,
        List.of(), null);
    assertThatThrownBy(() -> registry.moveAlias(sameId)).isInstanceOf(IllegalStateException.class);
    assertThat(registry.aliases("m")).isEqualTo(Map.of("champion", 1));
    assertThat(registry.aliasHistory("m")).hasSize(1);
  }

  @Test
  @Timeout(60)
  void ofConcurrentMovesFromTheSameHolderExactlyOneWins() throws Exception {
    registry.createModel(model("m"));
    for (int i = 0; i < 5; i++) {
      registry.addVersion(draft("m", Integer.toString(i)));
    }
    registry.moveAlias(move("m", "champion", null, 1, AliasMove.Kind.PROMOTION));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger won = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 2; t <= 5; t++) {
      int target = t;
      futures.add(pool.submit(() -> {
        go.await();
        try {
          registry.moveAlias(move("m", "champion", 1, target, AliasMove.Kind.PROMOTION));
          won.incrementAndGet();
        } catch (IllegalStateException lost) {
          // another thread moved it first
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> f : futures) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(won.get()).isEqualTo(1);
    assertThat(registry.aliasHistory("m")).hasSize(2);
    assertThat(registry.aliases("m").get("champion")).isEqualTo(registry.aliasHistory("m").get(1).to());
  }

  @Test
  void reproductionsReadBackOldestFirstAndAnIdIsStoredOnce() {
    ObjectNode detail = Json.object();
    detail.put("examples_differing", 3).putArray("ids").add("q1").add("q\u00e9");
    Reproduction a = new Reproduction("rep-1", T0, "local:alice", "run-a", "run-b",
        Reproduction.Outcome.NOT_REPRODUCIBLE, detail);
    Reproduction b = new Reproduction("rep-2", T0.plusSeconds(5), "local:alice", "run-a", "run-c",
        Reproduction.Outcome.REPRODUCIBLE, null);
    registry.saveReproduction(a);
    registry.saveReproduction(b);
    assertThat(registry.reproductions().stream().map(RegistryConformance::normalised).toList())
        .containsExactly(normalised(a), normalised(b));
    assertThatThrownBy(() -> registry.saveReproduction(a)).isInstanceOf(IllegalStateException.class);
    assertThat(registry.reproductions()).hasSize(2);
  }

  @Test
  void everythingSurvivesCloseAndReopen() {
    assumeTrue(supportsReopen(), "this registry keeps nothing after closing");
    registry.createModel(model("m"));
    ModelVersion v1 = registry.addVersion(draft("m", "1"));
    PolicyRecord p = registry.setPolicy(new PolicyRecord("m", 0, T0, "a", "require: []\n", "/p.yaml"));
    AliasMove mv = move("m", "champion", null, 1, AliasMove.Kind.PROMOTION);
    registry.moveAlias(mv);
    Reproduction r = new Reproduction("rep", T0, "a", "x", "y", Reproduction.Outcome.CONSISTENT, null);
    registry.saveReproduction(r);
    closeRegistry();
    registry = openRegistry(dir);
    assertThat(registry.model("m")).contains(model("m"));
    assertThat(registry.version("m", 1).map(RegistryConformance::normalised)).contains(normalised(v1));
    assertThat(registry.policy("m")).contains(p);
    assertThat(registry.aliases("m")).isEqualTo(Map.of("champion", 1));
    assertThat(registry.aliasHistory("m").stream().map(RegistryConformance::normalised).toList())
        .containsExactly(normalised(mv));
    assertThat(registry.reproductions().stream().map(RegistryConformance::normalised).toList())
        .containsExactly(normalised(r));
    assertThat(registry.addVersion(draft("m", "2")).number()).isEqualTo(2);
  }

  /** A version with its JSON fields in canonical text, so that key order and number form do not count. */
  static Object normalised(ModelVersion v) {
    return List.of(v.model(), v.number(), v.createdAt(), v.actor(), v.system().name(), v.system().type(),
        Json.canonical(v.system().params()), String.valueOf(v.contentHash()), String.valueOf(v.description()),
        String.valueOf(v.sourceCommit()), String.valueOf(v.artifactUri()), String.valueOf(v.sourceRun()));
  }

  static Object normalised(AliasMove m) {
    return List.of(m.id(), m.model(), m.alias(), String.valueOf(m.from()), m.to(), m.kind(), m.at(), m.actor(),
        String.valueOf(m.reason()), m.evidence(), Json.canonical(m.detail()));
  }

  static Object normalised(Reproduction r) {
    return List.of(r.id(), r.at(), r.actor(), r.originalRun(), r.rerunRun(), r.outcome(), Json.canonical(r.detail()));
  }
}
