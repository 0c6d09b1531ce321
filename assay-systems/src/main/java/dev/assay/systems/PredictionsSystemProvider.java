package dev.assay.systems;

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
  public SystemUnderTest create(SystemSpec spec, Path suiteFile) {
    Params params = new Params(spec, suiteFile);
    Path file = params.resolve("path", params.requiredString("path", EXPECTED));
    try {
      InputFiles.check(file, file.toString(), "a predictions file (JSONL)");
    } catch (InputException e) {
      // Name the suite's parameter: the path there is what the user has to fix.
      throw params.fault("path", e.getMessage() + ": " + file, EXPECTED);
    }
    return PredictionsSystem.load(file);
  }
}
