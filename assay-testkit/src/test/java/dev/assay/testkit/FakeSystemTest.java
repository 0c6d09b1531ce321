package dev.assay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Invocation;
import dev.assay.core.Json;
import dev.assay.core.Output;
import dev.assay.core.Plugins;
import dev.assay.core.SystemException;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fake in reference mode passes the conformance suite; its modes, failures and params. */
class FakeSystemTest extends SystemConformance {
  private static final Path SUITE = Path.of("suites", "fake.yaml");
  private static final dev.assay.core.PluginContext CONTEXT =
      dev.assay.core.PluginContext.standalone(Path.of("").toAbsolutePath(), java.util.Map.of()).forSuite(SUITE);

  @Override
  protected SystemUnderTest newSystem() {
    return new FakeSystem(FakeSystem.Config.echo().withMode(FakeSystem.Mode.REFERENCE));
  }

  @Override
  protected String expectedOutput(Example e) {
    return e.reference().textValue();
  }

  @Override
  protected Optional<Example> unanswerable() {
    return Optional.of(Example.of("no-reference", "what is the answer?", null));
  }

  @Override
  protected Optional<SystemUnderTest> newSlowSystem() {
    return Optional.of(new FakeSystem(FakeSystem.Config.echo().withLatencyMs(60_000)));
  }

  private static Invocation call(Example e, int repeat, long seed) {
    return new Invocation(e, repeat, seed, Duration.ofSeconds(5));
  }

  @Test
  void echoAnswersTheInputNodeSoStructuredInputsStayStructured() throws Exception {
    ObjectNode input = Json.object().put("question", "2+2?").put("k", 3);
    Example e = new Example("obj", input, null, Map.of(), null, 0);
    Output out = FakeSystem.echo().call(call(e, 0, 1));
    assertThat(out.value()).isEqualTo(input);
    assertThat(out.text()).isEqualTo("{\"k\":3,\"question\":\"2+2?\"}");
    assertThat(out.latencyMs()).as("no latency configured, none reported").isNull();
  }

  @Test
  void upperAndWrongModes() throws Exception {
    Example e = Example.of("a", "Straße ok", "ref");
    FakeSystem upper = new FakeSystem(FakeSystem.Config.echo().withMode(FakeSystem.Mode.UPPER));
    FakeSystem wrong = new FakeSystem(FakeSystem.Config.echo().withMode(FakeSystem.Mode.WRONG));
    assertThat(upper.call(call(e, 0, 1)).text()).isEqualTo("STRASSE OK");
    assertThat(wrong.call(call(e, 0, 1)).text()).isEqualTo(FakeSystem.WRONG_ANSWER).isNotEqualTo("ref");
  }

  @Test
  void seedInOutputCarriesTheInvocationSeed() throws Exception {
    FakeSystem fake = new FakeSystem(FakeSystem.Config.echo().withSeedInOutput(true));
    Example e = Example.of("a", "hi", null);
    assertThat(fake.call(call(e, 0, -42L)).text()).isEqualTo("hi [seed -42]");
    assertThat(fake.call(call(e, 1, 7L)).text()).isEqualTo("hi [seed 7]");
  }

  @Test
  void latencyIsReportedAsTheSystemsOwnLatency() throws Exception {
    FakeSystem fake = new FakeSystem(FakeSystem.Config.echo().withLatencyMs(1));
    assertThat(fake.call(call(Example.of("a", "x", null), 0, 0)).latencyMs()).isEqualTo(1.0);
  }

  @Test
  void failuresFollowThePublishedPredicatesAttemptByAttempt() throws Exception {
    double transientRate = 0.3;
    double permanentRate = 0.1;
    FakeSystem fake = new FakeSystem(FakeSystem.Config.echo().withFailureRates(transientRate, permanentRate));
    int permanent = 0;
    int transients = 0;
    for (int i = 0; i < 200; i++) {
      Example e = Example.of("id-" + i, "x" + i, null);
      for (int repeat = 0; repeat < 2; repeat++) {
        for (int attempt = 0; attempt < 4; attempt++) {
          boolean expectPermanent = FakeSystem.failsPermanently(e.id(), repeat, permanentRate);
          boolean expectTransient = !expectPermanent
              && FakeSystem.failsTransiently(e.id(), repeat, attempt, transientRate);
          String where = e.id() + " repeat " + repeat + " attempt " + attempt;
          try {
            fake.call(call(e, repeat, 0));
            assertThat(expectPermanent || expectTransient).as("%s should have failed", where).isFalse();
          } catch (SystemException ex) {
            assertThat(expectPermanent || expectTransient).as("%s should have succeeded: %s", where, ex).isTrue();
            assertThat(ex.isTransient()).as(where).isEqualTo(expectTransient);
            permanent += expectPermanent ? 1 : 0;
            transients += expectTransient ? 1 : 0;
          }
        }
        assertThat(fake.attempts(e.id(), repeat)).isEqualTo(4);
      }
    }
    assertThat(fake.calls()).isEqualTo(200 * 2 * 4);
    assertThat(fake.permanentFailures()).isEqualTo(permanent).isPositive();
    assertThat(fake.transientFailures()).isEqualTo(transients).isPositive();
  }

  @Test
  void twoInstancesFailInTheSamePlaces() throws Exception {
    FakeSystem.Config config = FakeSystem.Config.echo().withFailureRates(0.5, 0.05);
    assertThat(outcomes(new FakeSystem(config))).isEqualTo(outcomes(new FakeSystem(config)));
  }

  private static List<String> outcomes(FakeSystem fake) throws InterruptedException {
    List<String> list = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          list.add(fake.call(call(Example.of("e" + i, "x", null), 0, 0)).text());
        } catch (SystemException ex) {
          list.add(ex.getMessage());
        }
      }
    }
    return list;
  }

  @Test
  void observedFailureRatesMatchTheConfiguredOnes() {
    int n = 20_000;
    int permanent = 0;
    int transients = 0;
    for (int i = 0; i < n; i++) {
      permanent += FakeSystem.failsPermanently("ex-" + i, 0, 0.2) ? 1 : 0;
      transients += FakeSystem.failsTransiently("ex-" + i, 0, i % 3, 0.05) ? 1 : 0;
    }
    // Binomial standard errors are 0.0028 and 0.0015; allow five of them.
    assertThat(permanent / (double) n).isBetween(0.2 - 0.015, 0.2 + 0.015);
    assertThat(transients / (double) n).isBetween(0.05 - 0.008, 0.05 + 0.008);
    assertThat(FakeSystem.failsPermanently("ex-0", 0, 0)).isFalse();
    assertThat(FakeSystem.failsPermanently("ex-0", 0, 1)).isTrue();
  }

  @Test
  void attemptsAreNotCountedWithoutFailureRates() throws Exception {
    FakeSystem fake = FakeSystem.echo();
    fake.call(call(Example.of("a", "x", null), 0, 0));
    assertThat(fake.attempts("a", 0)).isZero();
    assertThat(fake.calls()).isEqualTo(1);
  }

  @Test
  void callingAClosedFakeIsABug() {
    FakeSystem fake = FakeSystem.echo();
    fake.close();
    assertThat(fake.isClosed()).isTrue();
    assertThatThrownBy(() -> fake.call(call(Example.of("a", "x", null), 0, 0)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theProviderIsFoundAndReadsItsParameters() throws Exception {
    assertThat(Plugins.installed().systemTypes()).contains("fake");
    ObjectNode params = Json.object()
        .put("mode", "upper").put("latency_ms", 0).put("transient_failure_rate", 0.25)
        .put("permanent_failure_rate", 0).put("seed_in_output", true);
    try (SystemUnderTest s = Plugins.installed().system(new SystemSpec("f", "fake", params, 3), CONTEXT)) {
      FakeSystem fake = (FakeSystem) s;
      assertThat(fake.config())
          .isEqualTo(new FakeSystem.Config(FakeSystem.Mode.UPPER, 0, 0.25, 0, true));
    }
    try (SystemUnderTest s = new FakeSystemProvider().create(new SystemSpec("f", "fake", null, 3), CONTEXT)) {
      assertThat(((FakeSystem) s).config()).isEqualTo(FakeSystem.Config.echo());
    }
  }

  @Test
  void badParametersNameTheSuiteFileAndParameter() {
    assertThat(badParam(Json.object().put("mode", "uper")))
        .isEqualTo("suites/fake.yaml:3: field 'systems.f.mode': got the string \"uper\" "
            + "(did you mean 'upper'? known: echo, reference, upper, wrong)");
    assertThat(badParam(Json.object().put("latency_ms", -1)))
        .isEqualTo("suites/fake.yaml:3: field 'systems.f.latency_ms': got -1 (an integer from 0 to 3600000)");
    assertThat(badParam(Json.object().put("latency_ms", "50"))).contains("got the string \"50\"");
    assertThat(badParam(Json.object().put("transient_failure_rate", 1.5)))
        .isEqualTo("suites/fake.yaml:3: field 'systems.f.transient_failure_rate': got 1.5 (a number from 0 to 1)");
    assertThat(badParam(Json.object().put("permanent_failure_rate", "high")))
        .contains("field 'systems.f.permanent_failure_rate'");
    assertThat(badParam(Json.object().put("seed_in_output", "yes")))
        .isEqualTo("suites/fake.yaml:3: field 'systems.f.seed_in_output': got the string \"yes\" (true or false)");
  }

  private static String badParam(ObjectNode params) {
    try {
      new FakeSystemProvider().create(new SystemSpec("f", "fake", params, 3), CONTEXT);
    } catch (InputException e) {
      return e.render();
    }
    throw new AssertionError("no InputException for " + params);
  }
}
