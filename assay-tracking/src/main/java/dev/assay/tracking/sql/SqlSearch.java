package dev.assay.tracking.sql;

import dev.assay.tracking.LifecycleStage;
import dev.assay.tracking.Search;
import dev.assay.tracking.ViewType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles parsed searches into one SELECT with bound arguments. Names come only from fixed maps
 * (attribute columns, entity tables); every client-supplied key and value is a bound argument.
 */
final class SqlSearch {
  private static final Map<String, String> RUN_COLUMNS = Map.of("run_id", "r.run_id", "run_name", "r.name",
      "status", "r.status", "user_id", "r.user_id", "start_time", "r.start_time", "end_time", "r.end_time",
      "artifact_uri", "r.artifact_uri");
  private static final Map<String, String> EXPERIMENT_COLUMNS = Map.of("experiment_id", "e.experiment_id", "name",
      "e.name", "creation_time", "e.creation_time", "last_update_time", "e.last_update_time");

  /** The SQL text and its arguments in placeholder order. */
  record Query(String sql, List<Object> args) {}

  private final Dialect dialect;

  SqlSearch(Dialect dialect) {
    this.dialect = dialect;
  }

  Query runs(Search.RunQuery q) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT ").append(JdbcTrackingStore.RUN_COLUMNS).append(" FROM runs r WHERE ");
    if (q.experimentIds().isEmpty()) {
      sql.append("FALSE");
    } else {
      sql.append("r.experiment_id IN (").append(placeholders(q.experimentIds().size())).append(')');
      for (String id : q.experimentIds()) {
        args.add(experimentKey(id));
      }
    }
    stage(sql, args, "r.lifecycle_stage", q.view());
    for (Search.Clause c : q.filter()) {
      sql.append(" AND ");
      switch (c.entity()) {
        case METRIC -> exists(sql, args, "latest_metrics", "r.run_id = x.run_id", c);
        case PARAM -> exists(sql, args, "params", "r.run_id = x.run_id", c);
        case TAG -> exists(sql, args, "tags", "r.run_id = x.run_id", c);
        case ATTRIBUTE -> compare(sql, args, column(RUN_COLUMNS, c.key()), c);
      }
    }
    sql.append(" ORDER BY ");
    for (Search.OrderBy o : q.order()) {
      switch (o.entity()) {
        case METRIC -> valueOf(sql, args, "latest_metrics", "r.run_id = x.run_id", o.key());
        case PARAM -> valueOf(sql, args, "params", "r.run_id = x.run_id", o.key());
        case TAG -> valueOf(sql, args, "tags", "r.run_id = x.run_id", o.key());
        case ATTRIBUTE -> sql.append(column(RUN_COLUMNS, o.key()));
      }
      sql.append(o.ascending() ? " ASC" : " DESC").append(" NULLS LAST, ");
    }
    sql.append("r.start_time DESC, r.run_id ASC LIMIT ? OFFSET ?");
    args.add(q.limit());
    args.add(q.offset());
    return new Query(sql.toString(), args);
  }

  /** The number of runs of one experiment in a view (the same stage rule as {@link #runs}). */
  Query countRuns(String experimentId, ViewType view) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM runs r WHERE r.experiment_id = ?");
    args.add(experimentKey(experimentId));
    stage(sql, args, "r.lifecycle_stage", view);
    return new Query(sql.toString(), args);
  }

  Query experiments(Search.ExperimentQuery q) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT ").append(JdbcTrackingStore.EXPERIMENT_COLUMNS)
        .append(" FROM experiments e WHERE TRUE");
    stage(sql, args, "e.lifecycle_stage", q.view());
    for (Search.Clause c : q.filter()) {
      sql.append(" AND ");
      switch (c.entity()) {
        case TAG -> exists(sql, args, "experiment_tags", "e.experiment_id = x.experiment_id", c);
        case ATTRIBUTE -> compare(sql, args, column(EXPERIMENT_COLUMNS, c.key()), c.key().equals("experiment_id")
            ? new Search.Clause(c.entity(), c.key(), c.op(), experimentKeys(c.value())) : c);
        default -> throw new IllegalArgumentException("experiments have no " + c.entity());
      }
    }
    sql.append(" ORDER BY ");
    for (Search.OrderBy o : q.order()) {
      if (o.entity() != Search.Entity.ATTRIBUTE) {
        throw new IllegalArgumentException("experiments are ordered by attributes only");
      }
      sql.append(column(EXPERIMENT_COLUMNS, o.key())).append(o.ascending() ? " ASC" : " DESC").append(", ");
    }
    sql.append("e.creation_time DESC, e.experiment_id DESC LIMIT ? OFFSET ?");
    args.add(q.limit());
    args.add(q.offset());
    return new Query(sql.toString(), args);
  }

  /** An experiment id as the integer key it is stored under; -1 (no experiment) when not one. */
  static long experimentKey(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Object experimentKeys(Object value) {
    if (value instanceof List<?> ids) {
      return ids.stream().map(id -> (Object) experimentKey((String) id)).toList();
    }
    return value instanceof String s ? (Object) experimentKey(s) : value;
  }

  private static void stage(StringBuilder sql, List<Object> args, String column, ViewType view) {
    if (view != ViewType.ALL) {
      sql.append(" AND ").append(column).append(" = ?");
      args.add(view == ViewType.ACTIVE_ONLY ? LifecycleStage.ACTIVE.wire() : LifecycleStage.DELETED.wire());
    }
  }

  private void exists(StringBuilder sql, List<Object> args, String table, String join, Search.Clause c) {
    sql.append("EXISTS (SELECT 1 FROM ").append(table).append(" x WHERE ").append(join).append(" AND x.key = ? AND ");
    args.add(c.key());
    compare(sql, args, "x.value", c);
    sql.append(')');
  }

  private static void valueOf(StringBuilder sql, List<Object> args, String table, String join, String key) {
    sql.append("(SELECT x.value FROM ").append(table).append(" x WHERE ").append(join).append(" AND x.key = ?)");
    args.add(key);
  }

  private void compare(StringBuilder sql, List<Object> args, String column, Search.Clause c) {
    switch (c.op()) {
      case LIKE, ILIKE -> {
        boolean ignoreCase = c.op() == Search.Op.ILIKE;
        sql.append(dialect.like(column, ignoreCase));
        args.add(dialect.likeArgument((String) c.value(), ignoreCase));
      }
      case IN, NOT_IN -> {
        List<?> values = (List<?>) c.value();
        if (values.isEmpty()) {
          sql.append(c.op() == Search.Op.IN ? "FALSE" : "TRUE");
        } else {
          sql.append(column).append(' ').append(c.op().sql()).append(" (").append(placeholders(values.size()))
              .append(')');
          args.addAll(values);
        }
      }
      default -> {
        sql.append(column).append(' ').append(c.op().sql()).append(" ?");
        args.add(c.value());
      }
    }
  }

  private static String column(Map<String, String> columns, String key) {
    String column = columns.get(key);
    if (column == null) {
      throw new IllegalArgumentException("no searchable attribute " + key);
    }
    return column;
  }

  private static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }
}
