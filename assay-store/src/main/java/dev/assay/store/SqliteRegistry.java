package dev.assay.store;

import dev.assay.core.registry.AliasMove;
import dev.assay.core.registry.Model;
import dev.assay.core.registry.ModelVersion;
import dev.assay.core.registry.PolicyRecord;
import dev.assay.core.registry.Registry;
import dev.assay.core.registry.Reproduction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry tables of the SQLite store (schema version 4). Every record is its JSON body
 * ({@link RecordCodec}) beside the columns it is looked up by; numbering and the alias
 * compare-and-set happen inside one IMMEDIATE transaction, so concurrent processes serialise.
 */
final class SqliteRegistry implements Registry {
  private final SqlAccess sql;

  SqliteRegistry(SqlAccess sql) {
    this.sql = sql;
  }

  @Override
  public void createModel(Model model) {
    sql.write(w -> {
      try (PreparedStatement p = w.prepareStatement("INSERT INTO models (name, created_at, body) VALUES (?, ?, ?)")) {
        p.setString(1, model.name());
        p.setString(2, sortable(model.createdAt()));
        p.setString(3, RecordCodec.write(model));
        p.executeUpdate();
      } catch (SQLException e) {
        if (SqlAccess.isConstraintViolation(e)) {
          throw new IllegalStateException("model '" + model.name() + "' already exists in " + sql.file(), e);
        }
        throw e;
      }
    });
  }

  @Override
  public Optional<Model> model(String name) {
    return sql.read(r -> one(r, "SELECT body FROM models WHERE name = ?", Model.class, name));
  }

  @Override
  public List<Model> models() {
    return sql.read(r -> rows(r, "SELECT body FROM models ORDER BY name", Model.class));
  }

  @Override
  public ModelVersion addVersion(ModelVersion version) {
    ModelVersion[] stored = new ModelVersion[1];
    sql.transaction(w -> {
      long model = modelKey(w, version.model());
      int next;
      try (PreparedStatement p = w.prepareStatement(
          "SELECT coalesce(max(number), 0) + 1 FROM model_versions WHERE model_pk = ?")) {
        p.setLong(1, model);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          next = rs.getInt(1);
        }
      }
      stored[0] = version.withNumber(next);
      try (PreparedStatement p = w.prepareStatement("INSERT INTO model_versions (model_pk, number, created_at,"
          + " spec_hash, content_hash, body) VALUES (?, ?, ?, ?, ?, ?)")) {
        p.setLong(1, model);
        p.setInt(2, next);
        p.setString(3, sortable(version.createdAt()));
        p.setString(4, version.specHash());
        p.setString(5, version.contentHash());
        p.setString(6, RecordCodec.write(stored[0]));
        p.executeUpdate();
      }
    });
    return stored[0];
  }

  @Override
  public Optional<ModelVersion> version(String model, int number) {
    return sql.read(r -> one(r, "SELECT v.body FROM model_versions v JOIN models m ON m.pk = v.model_pk"
        + " WHERE m.name = ? AND v.number = ?", ModelVersion.class, model, number));
  }

  @Override
  public List<ModelVersion> versions(String model) {
    return sql.read(r -> rows(r, "SELECT v.body FROM model_versions v JOIN models m ON m.pk = v.model_pk"
        + " WHERE m.name = ? ORDER BY v.number", ModelVersion.class, model));
  }

  @Override
  public PolicyRecord setPolicy(PolicyRecord policy) {
    PolicyRecord[] stored = new PolicyRecord[1];
    sql.transaction(w -> {
      long model = modelKey(w, policy.model());
      int next;
      try (PreparedStatement p = w.prepareStatement(
          "SELECT coalesce(max(revision), 0) + 1 FROM model_policies WHERE model_pk = ?")) {
        p.setLong(1, model);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          next = rs.getInt(1);
        }
      }
      stored[0] = policy.withRevision(next);
      try (PreparedStatement p = w.prepareStatement(
          "INSERT INTO model_policies (model_pk, revision, set_at, body) VALUES (?, ?, ?, ?)")) {
        p.setLong(1, model);
        p.setInt(2, next);
        p.setString(3, sortable(policy.setAt()));
        p.setString(4, RecordCodec.write(stored[0]));
        p.executeUpdate();
      }
    });
    return stored[0];
  }

  @Override
  public Optional<PolicyRecord> policy(String model) {
    return sql.read(r -> one(r, "SELECT p.body FROM model_policies p JOIN models m ON m.pk = p.model_pk"
        + " WHERE m.name = ? ORDER BY p.revision DESC LIMIT 1", PolicyRecord.class, model));
  }

  @Override
  public List<PolicyRecord> policies(String model) {
    return sql.read(r -> rows(r, "SELECT p.body FROM model_policies p JOIN models m ON m.pk = p.model_pk"
        + " WHERE m.name = ? ORDER BY p.revision", PolicyRecord.class, model));
  }

  @Override
  public void moveAlias(AliasMove move) {
    sql.transaction(w -> {
      long model = modelKey(w, move.model());
      Integer holder = null;
      try (PreparedStatement p = w.prepareStatement("SELECT version FROM aliases WHERE model_pk = ? AND alias = ?")) {
        p.setLong(1, model);
        p.setString(2, move.alias());
        try (ResultSet rs = p.executeQuery()) {
          if (rs.next()) {
            holder = rs.getInt(1);
          }
        }
      }
      if (!Objects.equals(holder, move.from())) {
        throw new IllegalStateException("alias '" + move.alias() + "' of model '" + move.model() + "' is held by "
            + (holder == null ? "no version" : "version " + holder) + ", not "
            + (move.from() == null ? "no version" : "version " + move.from()) + "; it moved meanwhile");
      }
      try (PreparedStatement p = w.prepareStatement("INSERT INTO alias_moves (move_id, model_pk, alias, from_version,"
          + " to_version, kind, at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        p.setString(1, move.id());
        p.setLong(2, model);
        p.setString(3, move.alias());
        if (move.from() == null) {
          p.setNull(4, Types.INTEGER);
        } else {
          p.setInt(4, move.from());
        }
        p.setInt(5, move.to());
        p.setString(6, move.kind().wire());
        p.setString(7, sortable(move.at()));
        p.setString(8, RecordCodec.write(move));
        p.executeUpdate();
      } catch (SQLException e) {
        if (SqlAccess.isConstraintViolation(e)) {
          throw new IllegalStateException("alias move " + move.id() + " refused in " + sql.file()
              + ": its id exists or version " + move.to() + " of model '" + move.model() + "' does not", e);
        }
        throw e;
      }
      try (PreparedStatement p = w.prepareStatement("INSERT INTO aliases (model_pk, alias, version) VALUES (?, ?, ?)"
          + " ON CONFLICT (model_pk, alias) DO UPDATE SET version = excluded.version")) {
        p.setLong(1, model);
        p.setString(2, move.alias());
        p.setInt(3, move.to());
        p.executeUpdate();
      }
    });
  }

  @Override
  public Map<String, Integer> aliases(String model) {
    return sql.read(r -> {
      Map<String, Integer> out = new LinkedHashMap<>();
      try (PreparedStatement p = r.prepareStatement("SELECT a.alias, a.version FROM aliases a"
          + " JOIN models m ON m.pk = a.model_pk WHERE m.name = ? ORDER BY a.alias")) {
        p.setString(1, model);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), rs.getInt(2));
          }
        }
      }
      return out;
    });
  }

  @Override
  public List<AliasMove> aliasHistory(String model) {
    return sql.read(r -> rows(r, "SELECT a.body FROM alias_moves a JOIN models m ON m.pk = a.model_pk"
        + " WHERE m.name = ? ORDER BY a.pk", AliasMove.class, model));
  }

  @Override
  public void saveReproduction(Reproduction r) {
    sql.write(w -> {
      try (PreparedStatement p = w.prepareStatement("INSERT INTO reproductions (reproduction_id, at, original_run,"
          + " rerun_run, outcome, body) VALUES (?, ?, ?, ?, ?, ?)")) {
        p.setString(1, r.id());
        p.setString(2, sortable(r.at()));
        p.setString(3, r.originalRun());
        p.setString(4, r.rerunRun());
        p.setString(5, r.outcome().wire());
        p.setString(6, RecordCodec.write(r));
        p.executeUpdate();
      } catch (SQLException e) {
        if (SqlAccess.isConstraintViolation(e)) {
          throw new IllegalStateException("reproduction " + r.id() + " already exists in " + sql.file(), e);
        }
        throw e;
      }
    });
  }

  @Override
  public List<Reproduction> reproductions() {
    return sql.read(r -> rows(r, "SELECT body FROM reproductions ORDER BY pk", Reproduction.class));
  }

  private long modelKey(Connection w, String name) throws SQLException {
    try (PreparedStatement p = w.prepareStatement("SELECT pk FROM models WHERE name = ?")) {
      p.setString(1, name);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no model '" + name + "' in " + sql.file());
        }
        return rs.getLong(1);
      }
    }
  }

  private static String sortable(Instant at) {
    return SqliteStore.SORTABLE_INSTANT.format(at);
  }

  private static <T> Optional<T> one(Connection c, String query, Class<T> type, Object... args) throws SQLException {
    List<T> rows = rows(c, query, type, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private static <T> List<T> rows(Connection c, String query, Class<T> type, Object... args) throws SQLException {
    List<T> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(query)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(RecordCodec.read(rs.getString(1), type));
        }
      }
    }
    return out;
  }
}
