package dev.assay.testkit;

import dev.assay.core.Params;
import dev.assay.core.PluginContext;
import dev.assay.core.SystemProvider;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
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
  public SystemUnderTest create(SystemSpec spec, PluginContext context) {
    Params p = Params.of(spec, context.suiteFile());
    List<String> modes = Arrays.stream(FakeSystem.Mode.values()).map(FakeSystem.Mode::paramName).toList();
    String mode = p.choice("mode", FakeSystem.Mode.ECHO.paramName(), modes);
    return new FakeSystem(new FakeSystem.Config(
        Arrays.stream(FakeSystem.Mode.values()).filter(m -> m.paramName().equals(mode)).findFirst().orElseThrow(),
        p.longInteger("latency_ms", 0, 0, 3_600_000),
        p.number("transient_failure_rate", 0, 0, 1),
        p.number("permanent_failure_rate", 0, 0, 1),
        p.bool("seed_in_output", false)));
  }
}
