package dev.assay.systems;

import dev.assay.core.Params;
import dev.assay.core.PluginContext;
import dev.assay.core.InputException;
import dev.assay.core.SystemProvider;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import dev.assay.core.io.InputFiles;
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
    return PredictionsSystem.load(params.file("path", context.folder(), "a predictions file (JSONL)", EXPECTED));
  }
}
