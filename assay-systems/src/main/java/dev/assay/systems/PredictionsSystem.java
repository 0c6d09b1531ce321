package dev.assay.systems;

import dev.assay.core.Invocation;
import dev.assay.core.Output;
import dev.assay.core.SystemException;
import dev.assay.core.SystemUnderTest;
import java.nio.file.Path;
import java.util.Map;

/**
 * A system that answers from a file of precomputed outputs (adapter type {@code predictions}).
 *
 * <p>The file is read once, at creation (see {@link PredictionsFile} for its rules). Every repeat
 * of an example gets the same output, with the latency, tokens and cost the file gives. An id the
 * file does not hold is a non-transient {@link SystemException}: retrying cannot help. Calls are
 * a map look-up: thread-safe and allocation-free. The returned outputs are shared between calls;
 * callers must not modify their JSON values.
 */
public final class PredictionsSystem implements SystemUnderTest {
  private final Map<String, Output> outputs;
  private final String source;
  private final String contentHash;

  /**
   * @param outputs output by example id
   * @param source the file the outputs came from, named in messages
   */
  public PredictionsSystem(Map<String, Output> outputs, String source) {
    this(outputs, source, null);
  }

  private PredictionsSystem(Map<String, Output> outputs, String source, String contentHash) {
    this.outputs = Map.copyOf(outputs);
    this.source = source;
    this.contentHash = contentHash;
  }

  /**
   * Reads {@code file}.
   *
   * @throws dev.assay.core.InputException naming the file, line and field of the first fault
   */
  public static PredictionsSystem load(Path file) {
    // One read serves both the outputs and the content hash, so they describe the same bytes.
    byte[] bytes = PredictionsFile.bytes(file);
    return new PredictionsSystem(PredictionsFile.parse(bytes, file), file.toString(), dev.assay.core.Json.sha256(bytes));
  }

  /** sha256 of the predictions file's bytes, when read from a file. */
  @Override
  public String contentHash() {
    return contentHash;
  }

  /** No prediction in the file carries a cost. */
  @Override
  public boolean neverReportsCost() {
    return outputs.values().stream().allMatch(o -> o.cost() == null);
  }

  /** How many examples the file answers. */
  public int size() {
    return outputs.size();
  }

  @Override
  public Output call(Invocation invocation) throws SystemException {
    String id = invocation.example().id();
    Output output = outputs.get(id);
    if (output == null) {
      throw new SystemException("no prediction for id '" + id + "' in " + source, false);
    }
    return output;
  }
}
