package dev.assay.tracking;

import java.util.List;
import java.util.Objects;

/** The parsed form of MLflow search requests, as stores receive them (see {@link SearchParser}). */
public final class Search {
  private Search() {}

  /** What a clause or ordering names: a metric's latest value, a param, a tag or an attribute. */
  public enum Entity { METRIC, PARAM, TAG, ATTRIBUTE }

  /** A comparison operator of MLflow's filter language. */
  public enum Op {
    EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), LIKE("LIKE"), ILIKE("ILIKE"), IN("IN"), NOT_IN("NOT IN");

    private final String sql;

    Op(String sql) {
      this.sql = sql;
    }

    /** The operator as SQL spells it (LIKE and ILIKE aside, which dialects spell differently). */
    public String sql() {
      return sql;
    }
  }

  /**
   * {@code entity.key op value}: {@code value} is a Double for numeric comparisons, a String for
   * string ones, a List of Strings for IN. Attribute keys are canonical column names (for runs:
   * run_id, run_name, status, user_id, start_time, end_time, artifact_uri; for experiments:
   * experiment_id, name, creation_time, last_update_time).
   */
  public record Clause(Entity entity, String key, Op op, Object value) {
    public Clause {
      Objects.requireNonNull(entity, "entity");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(value, "value");
    }
  }

  /** One ordering column; missing values (a run without that metric) sort last either way. */
  public record OrderBy(Entity entity, String key, boolean ascending) {}

  /** A search for runs: clauses are ANDed; the order ends with the implied tie-breaks. */
  public record RunQuery(List<String> experimentIds, List<Clause> filter, ViewType view, List<OrderBy> order,
      int offset, int limit) {
    public RunQuery {
      experimentIds = List.copyOf(experimentIds);
      filter = List.copyOf(filter);
      order = List.copyOf(order);
    }
  }

  /** A search for experiments: clauses are ANDed; the order ends with the implied tie-break. */
  public record ExperimentQuery(List<Clause> filter, ViewType view, List<OrderBy> order, int offset, int limit) {
    public ExperimentQuery {
      filter = List.copyOf(filter);
      order = List.copyOf(order);
    }
  }
}
