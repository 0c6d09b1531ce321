package dev.assay.systems;

import dev.assay.core.Params;
import dev.assay.core.PluginContext;
import dev.assay.core.SystemProvider;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Adapter type {@code predictions}: a {@link PredictionsSystem} over the JSONL file of parameter
 * {@code path} (required; relative paths resolve against the suite file's folder).
 */
public final class PredictionsSystemProvider implements SystemProvider {
  private static final String EXPECTED = "a JSONL file of {id, output} records, relative to the suite's folder";

  @Override
  public String type() {
    return "predictions";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("path");
  }

  @Override
  public SystemUnderTest create(SystemSpec spec, PluginContext context) {
    Params params = Params.of(spec, context.suiteFile());
    params.requiredString("path", EXPECTED);
    Path file = params.path("path", context.folder());
    if (!Files.exists(file)) {
      throw params.fault("path", "no such file: " + file, EXPECTED);
    }
    if (!Files.isRegularFile(file)) {
      throw params.fault("path", "not a regular file: " + file, EXPECTED);
    }
    return PredictionsSystem.load(file);
  }
}
