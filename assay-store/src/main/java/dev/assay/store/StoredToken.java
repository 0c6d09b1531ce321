package dev.assay.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An API token as the server keeps it: never the token itself, only a slow salted hash of it.
 *
 * @param id the token's public id (part of the token text, so the hash to check is found without a scan)
 * @param name what the token is for, as given at creation (e.g. "ci")
 * @param role {@code viewer}, {@code editor} or {@code admin}
 * @param salt random salt of the hash
 * @param hash PBKDF2-HMAC-SHA256 of the token's secret part
 * @param iterations the PBKDF2 iteration count used for {@code hash}
 * @param createdAt when the token was made
 * @param revokedAt when it was revoked, null while it is valid
 */
public record StoredToken(String id, String name, String role, byte[] salt, byte[] hash, int iterations,
    Instant createdAt, Instant revokedAt) {
  public StoredToken {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    salt = salt.clone();
    hash = hash.clone();
    Objects.requireNonNull(createdAt, "createdAt");
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  public boolean revoked() {
    return revokedAt != null;
  }
}
