package dev.assay.core;

import java.time.Instant;
import java.util.Objects;

/**
 * Which runs to list, one page at a time ({@link Store#runs(RunQuery)}).
 *
 * <p>Order: by start time, newest first (or oldest first with {@code oldestFirst}), ties broken by
 * run id in the same direction. A run without a start time is not listed by a query. Filters are
 * exact matches and combine with AND; null means "any".
 *
 * @param suite only runs of this suite name
 * @param system only runs of this system name
 * @param status only runs with this status
 * @param startedFrom only runs started at or after this instant
 * @param startedBefore only runs started strictly before this instant
 * @param oldestFirst list oldest first instead of newest first
 * @param after the position of the last run of the previous page (exclusive), or null for the first page
 * @param limit the page size, 1 to {@value #MAX_LIMIT}
 */
public record RunQuery(String suite, String system, RunStatus status, Instant startedFrom, Instant startedBefore,
    boolean oldestFirst, Position after, int limit) {
  /** The largest page a store must serve. */
  public static final int MAX_LIMIT = 1000;

  public RunQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
    }
  }

  /** The first page of every run, newest first. */
  public static RunQuery newest(int limit) {
    return new RunQuery(null, null, null, null, null, false, null, limit);
  }

  /** The same query starting after {@code position}. */
  public RunQuery after(Position position) {
    return new RunQuery(suite, system, status, startedFrom, startedBefore, oldestFirst, position, limit);
  }

  /** Whether {@code run} passes the filters (not the position). */
  public boolean matches(RunRecord run) {
    Instant at = run.startedAt();
    return at != null && (suite == null || suite.equals(run.suiteName()))
        && (system == null || system.equals(run.systemName())) && (status == null || status == run.status())
        && (startedFrom == null || !at.isBefore(startedFrom)) && (startedBefore == null || at.isBefore(startedBefore));
  }

  /** Whether {@code run} comes after {@code after} in this query's order (true when there is no position). */
  public boolean isAfterPosition(RunRecord run) {
    if (after == null) {
      return true;
    }
    int c = Position.of(run).compareTo(after);
    return oldestFirst ? c > 0 : c < 0;
  }

  /**
   * Where a run sits in the order: its start time, then its id.
   *
   * @param startedAt the run's start time, not null
   * @param runId the run's id, not null
   */
  public record Position(Instant startedAt, String runId) implements Comparable<Position> {
    public Position {
      Objects.requireNonNull(startedAt, "startedAt");
      Objects.requireNonNull(runId, "runId");
    }

    public static Position of(RunRecord run) {
      return new Position(run.startedAt(), run.runId());
    }

    @Override
    public int compareTo(Position o) {
      int c = startedAt.compareTo(o.startedAt);
      return c != 0 ? c : runId.compareTo(o.runId);
    }
  }
}
