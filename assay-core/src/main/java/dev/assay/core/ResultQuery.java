package dev.assay.core;

/**
 * Which per-example results of a run to read, one page at a time ({@link Store#results(String,
 * ResultQuery)}): results in dataset order (index, then repeat) strictly after {@code after}.
 *
 * @param after the position of the last result of the previous page (exclusive), or null for the first page
 * @param limit the page size, 1 to {@value #MAX_LIMIT}
 * @param ok null for every result, TRUE for results whose system answered, FALSE for failed ones
 */
public record ResultQuery(Position after, int limit, Boolean ok) {
  /** The largest page a store must serve. */
  public static final int MAX_LIMIT = 10_000;

  public ResultQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
    }
  }

  /** Whether {@code r} passes the filter and comes after the position. */
  public boolean matches(ExampleResult r) {
    return (after == null || Position.of(r).compareTo(after) > 0) && (ok == null || ok == r.ok());
  }

  /**
   * Where a result sits in dataset order.
   *
   * @param index the example's 0-based dataset index, >= 0
   * @param repeat the repeat, >= 0
   */
  public record Position(int index, int repeat) implements Comparable<Position> {
    public Position {
      if (index < 0 || repeat < 0) {
        throw new IllegalArgumentException("a result position is not negative: " + index + "/" + repeat);
      }
    }

    public static Position of(ExampleResult r) {
      return new Position(r.index(), r.repeat());
    }

    @Override
    public int compareTo(Position o) {
      int c = Integer.compare(index, o.index);
      return c != 0 ? c : Integer.compare(repeat, o.repeat);
    }
  }
}
