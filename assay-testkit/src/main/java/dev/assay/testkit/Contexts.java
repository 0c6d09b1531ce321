package dev.assay.testkit;

import dev.assay.core.PluginContext;
import java.nio.file.Path;
import java.util.Map;

/** Plug-in contexts for tests: a suite file, no cache, direct model calls, an empty environment. */
public final class Contexts {
  private Contexts() {}

  /** The context of plug-ins used outside a suite: paths resolve against the working directory. */
  public static PluginContext standalone() {
    return PluginContext.standalone(Path.of("").toAbsolutePath(), Map.of());
  }

  /** The context of plug-ins declared in {@code suiteFile} (relative paths resolve against its folder). */
  public static PluginContext suite(Path suiteFile) {
    return standalone().forSuite(suiteFile);
  }
}
