package dev.assay.core.io;

import dev.assay.core.Output;
import dev.assay.core.SystemProvider;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import java.util.Set;

/** Test adapter {@code echo}: answers the input followed by the {@code suffix} parameter. */
public final class EchoSystemProvider implements SystemProvider {
  @Override
  public String type() {
    return "echo";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("suffix");
  }

  @Override
  public SystemUnderTest create(SystemSpec spec, dev.assay.core.PluginContext context) {
    String suffix = spec.param("suffix", "");
    return invocation -> Output.text(invocation.example().inputText() + suffix);
  }
}
