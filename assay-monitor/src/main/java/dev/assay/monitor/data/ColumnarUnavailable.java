package dev.assay.monitor.data;

/**
 * DuckDB could not read a source column-wise the way the row reader would (it rejected the file,
 * or the file holds constructs where the two readers may differ). The caller reads the table row
 * by row instead, which gives the result or the exact input error with its line.
 */
public final class ColumnarUnavailable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ColumnarUnavailable(String reason) {
    super(reason, null, false, false);
  }
}
