package dev.assay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.DidYouMean;
import dev.assay.core.InputException;
import dev.assay.core.SystemProvider;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Adapter type {@code fake}: a {@link FakeSystem}.
 *
 * <p>Parameters: {@code mode} ({@code echo} (default), {@code upper}, {@code reference}, {@code
 * wrong}), {@code latency_ms} (non-negative integer, default 0), {@code transient_failure_rate}
 * and {@code permanent_failure_rate} (numbers in [0, 1], default 0), {@code seed_in_output}
 * (boolean, default false).
 */
public final class FakeSystemProvider implements SystemProvider {
  private static final Set<String> PARAMETERS =
      Set.of("mode", "latency_ms", "transient_failure_rate", "permanent_failure_rate", "seed_in_output");

  @Override
  public String type() {
    return "fake";
  }

  @Override
  public Set<String> parameters() {
    return PARAMETERS;
  }

  @Override
  public SystemUnderTest create(SystemSpec spec, Path suiteFile) {
    Params p = new Params(spec, suiteFile);
    return new FakeSystem(new FakeSystem.Config(
        p.mode(),
        p.nonNegativeLong("latency_ms"),
        p.rate("transient_failure_rate"),
        p.rate("permanent_failure_rate"),
        p.bool("seed_in_output")));
  }

  /** Reads and checks one spec's parameters; every fault names the suite file and the parameter. */
  private record Params(SystemSpec spec, Path suiteFile) {
    FakeSystem.Mode mode() {
      JsonNode v = spec.params().get("mode");
      if (v == null || v.isNull()) {
        return FakeSystem.Mode.ECHO;
      }
      List<String> names = Arrays.stream(FakeSystem.Mode.values()).map(FakeSystem.Mode::paramName).toList();
      if (v.isTextual()) {
        for (FakeSystem.Mode m : FakeSystem.Mode.values()) {
          if (m.paramName().equals(v.textValue())) {
            return m;
          }
        }
        throw fault("mode", "unknown mode '" + v.textValue() + "'", DidYouMean.expected(v.textValue(), names));
      }
      throw fault("mode", "not a string: " + v, "one of " + String.join(", ", names));
    }

    long nonNegativeLong(String name) {
      JsonNode v = spec.params().get(name);
      if (v == null || v.isNull()) {
        return 0;
      }
      if (!v.canConvertToExactIntegral() || !v.canConvertToLong() || v.asLong() < 0) {
        throw fault(name, "not a non-negative integer: " + v, "milliseconds, e.g. 50");
      }
      return v.asLong();
    }

    double rate(String name) {
      JsonNode v = spec.params().get(name);
      if (v == null || v.isNull()) {
        return 0;
      }
      if (!v.isNumber() || !(v.asDouble() >= 0 && v.asDouble() <= 1)) {
        throw fault(name, "not a probability: " + v, "a number from 0 to 1");
      }
      return v.asDouble();
    }

    boolean bool(String name) {
      JsonNode v = spec.params().get(name);
      if (v == null || v.isNull()) {
        return false;
      }
      if (!v.isBoolean()) {
        throw fault(name, "not a boolean: " + v, "true or false");
      }
      return v.booleanValue();
    }

    private InputException fault(String param, String problem, String expected) {
      return new InputException(suiteFile, spec.line(), "systems." + spec.name() + "." + param, problem, expected);
    }
  }
}
