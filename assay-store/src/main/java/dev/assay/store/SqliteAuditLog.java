package dev.assay.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.assay.core.Json;
import dev.assay.core.audit.AuditEntry;
import dev.assay.core.audit.AuditEvent;
import dev.assay.core.audit.AuditLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The audit log of the SQLite store (schema version 4): one row per entry, keyed by {@code seq}.
 * An append reads the last entry and inserts the next inside one IMMEDIATE transaction, so two
 * processes appending at once take turns and never fork the chain. Rows are read back as stored,
 * whatever was done to them behind assay's back; judging them is the verifier's job.
 */
final class SqliteAuditLog implements AuditLog {
  private static final String COLUMNS = "seq, at, actor, action, subjects, content_hash, previous_hash, hash";

  private final SqlAccess sql;

  SqliteAuditLog(SqlAccess sql) {
    this.sql = sql;
  }

  @Override
  public AuditEntry append(Instant at, String actor, AuditEvent event) {
    AuditEntry[] stored = new AuditEntry[1];
    sql.transaction(w -> stored[0] = insertNext(w, at, actor, event));
    return stored[0];
  }

  @Override
  public boolean started() {
    return sql.read(r -> {
      try (Statement s = r.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_state")) {
        return rs.next() && rs.getInt(1) > 0;
      }
    });
  }

  @Override
  public boolean start(Instant at, String actor, List<AuditEvent> adopted) {
    boolean[] started = {false};
    sql.transaction(w -> {
      try (Statement s = w.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_state")) {
        if (rs.next() && rs.getInt(1) > 0) {
          return;
        }
      }
      for (AuditEvent e : adopted) {
        insertNext(w, at, actor, e);
      }
      try (PreparedStatement p = w.prepareStatement("INSERT INTO audit_state (id, started_at) VALUES (1, ?)")) {
        p.setString(1, SqliteStore.SORTABLE_INSTANT.format(at));
        p.executeUpdate();
      }
      started[0] = true;
    });
    return started[0];
  }

  @Override
  public Optional<AuditEntry> last() {
    return sql.read(SqliteAuditLog::lastOn);
  }

  /** Streams on a connection of its own, so a long verification blocks neither writers nor readers. */
  @Override
  public void forEach(Consumer<AuditEntry> consumer) {
    try (Connection c = sql.openReader();
        PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_log ORDER BY seq")) {
      p.setFetchSize(512);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          consumer.accept(entry(rs));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the audit log of " + sql.file() + ": " + e.getMessage(), e);
    }
  }

  private static AuditEntry insertNext(Connection w, Instant at, String actor, AuditEvent event) throws SQLException {
    AuditEntry next = AuditEntry.next(lastOn(w).orElse(null), at, actor, event);
    try (PreparedStatement p = w.prepareStatement("INSERT INTO audit_log (" + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      p.setLong(1, next.seq());
      p.setString(2, SqliteStore.SORTABLE_INSTANT.format(next.at()));
      p.setString(3, next.actor());
      p.setString(4, next.action());
      ArrayNode subjects = Json.MAPPER.createArrayNode();
      next.subjects().forEach(subjects::add);
      p.setString(5, subjects.toString());
      p.setString(6, next.contentHash());
      p.setString(7, next.previousHash());
      p.setString(8, next.hash());
      p.executeUpdate();
    }
    return next;
  }

  private static Optional<AuditEntry> lastOn(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM audit_log ORDER BY seq DESC LIMIT 1")) {
      return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
    }
  }

  private static AuditEntry entry(ResultSet rs) throws SQLException {
    List<String> subjects = new ArrayList<>();
    String text = rs.getString(5);
    try {
      JsonNode array = Json.MAPPER.readTree(text);
      array.forEach(n -> subjects.add(n.asText()));
    } catch (JsonProcessingException e) {
      // An edited row: keep its text as one subject so that the verifier sees a changed entry.
      subjects.add("unreadable:" + text);
    }
    return new AuditEntry(rs.getLong(1), instant(rs.getString(2)), String.valueOf(rs.getString(3)),
        String.valueOf(rs.getString(4)), subjects, rs.getString(6), String.valueOf(rs.getString(7)),
        String.valueOf(rs.getString(8)));
  }

  /** An edited time that no longer parses reads as the epoch: the entry's hash then no longer matches. */
  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }
}
