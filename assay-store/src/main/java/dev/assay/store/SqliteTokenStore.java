package dev.assay.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * API tokens in a small SQLite file of their own ({@code tokens.db} beside the store), so a store
 * file can be shared or copied without its credentials. Writes are rare; every call is serialised.
 */
public final class SqliteTokenStore implements TokenStore {
  /** {@code PRAGMA application_id} of a token file: "ASTK" in ASCII. */
  static final int APPLICATION_ID = 0x4153544B;

  static final Schema SCHEMA = new Schema("token file", APPLICATION_ID, List.of(new Schema.Migration(1, List.of("""
      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        salt BLOB NOT NULL,
        hash BLOB NOT NULL,
        iterations INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      )"""))));

  private final Path file;
  private final Connection connection;

  private SqliteTokenStore(Path file) {
    this.file = file;
    SqliteFiles.Connections c = SqliteFiles.openMigrated(file, Durability.POWER_LOSS, SCHEMA);
    try {
      c.reader().close();
    } catch (SQLException e) {
      c.closeAfter(e);
      throw new IllegalStateException("cannot open the token file " + file + ": " + e.getMessage(), e);
    }
    this.connection = c.writer();
  }

  /** Opens (creating it if needed) the token file. */
  public static SqliteTokenStore open(Path file) {
    return new SqliteTokenStore(file);
  }

  /** The token file beside the store file {@code storeFile}. */
  public static Path beside(Path storeFile) {
    return storeFile.resolveSibling("tokens.db");
  }

  @Override
  public synchronized void save(StoredToken t) {
    try (PreparedStatement p = connection.prepareStatement("INSERT INTO tokens (id, name, role, salt, hash, iterations,"
        + " created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      p.setString(1, t.id());
      p.setString(2, t.name());
      p.setString(3, t.role());
      p.setBytes(4, t.salt());
      p.setBytes(5, t.hash());
      p.setInt(6, t.iterations());
      p.setString(7, t.createdAt().toString());
      p.setString(8, t.revokedAt() == null ? null : t.revokedAt().toString());
      p.executeUpdate();
    } catch (SQLException e) {
      if ((e.getErrorCode() & 0xFF) == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT.code) {
        throw new IllegalStateException("token " + t.id() + " already exists in " + file, e);
      }
      throw failure(e);
    }
  }

  @Override
  public synchronized Optional<StoredToken> find(String id) {
    try (PreparedStatement p = connection.prepareStatement("SELECT * FROM tokens WHERE id = ?")) {
      p.setString(1, id);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(token(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public synchronized List<StoredToken> list() {
    try (PreparedStatement p = connection.prepareStatement("SELECT * FROM tokens ORDER BY created_at, id");
        ResultSet rs = p.executeQuery()) {
      List<StoredToken> out = new ArrayList<>();
      while (rs.next()) {
        out.add(token(rs));
      }
      return out;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public synchronized boolean revoke(String id, Instant at) {
    try (PreparedStatement p = connection.prepareStatement(
        "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
      p.setString(1, at.toString());
      p.setString(2, id);
      return p.executeUpdate() > 0;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private static StoredToken token(ResultSet rs) throws SQLException {
    String revoked = rs.getString("revoked_at");
    return new StoredToken(rs.getString("id"), rs.getString("name"), rs.getString("role"), rs.getBytes("salt"),
        rs.getBytes("hash"), rs.getInt("iterations"), Instant.parse(rs.getString("created_at")),
        revoked == null ? null : Instant.parse(revoked));
  }

  private IllegalStateException failure(SQLException e) {
    return new IllegalStateException("the token file " + file + ": " + e.getMessage(), e);
  }
}
