package dev.assay.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the server's API tokens are kept (hashed; see {@link StoredToken}). Thread-safe.
 * Invariants: ids are unique; a token is never deleted, only revoked, so its id is never reused.
 */
public interface TokenStore extends AutoCloseable {
  /** Stores a new token. Fails with IllegalStateException when its id exists. */
  void save(StoredToken token);

  Optional<StoredToken> find(String id);

  /** Every token, revoked ones included, oldest first. */
  List<StoredToken> list();

  /**
   * Marks a token revoked.
   *
   * @return false when there is no such token or it was revoked already
   */
  boolean revoke(String id, Instant at);

  @Override
  void close();
}
