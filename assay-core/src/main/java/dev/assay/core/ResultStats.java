package dev.assay.core;

/**
 * What is stored of a run's per-example results ({@link Store#resultStats}).
 *
 * @param stored how many results are stored
 * @param ok how many of them the system answered ({@link ExampleResult#ok()})
 * @param last the position of the last stored result in dataset order, null when none is stored
 * @param lastId the example id of that result, null when none is stored
 */
public record ResultStats(long stored, long ok, ResultQuery.Position last, String lastId) {
  public static final ResultStats NONE = new ResultStats(0, 0, null, null);

  /** How many stored results failed. */
  public long errors() {
    return stored - ok;
  }
}
