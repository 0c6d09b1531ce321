package dev.assay.server;

/**
 * Who is calling.
 *
 * @param name the token's name, or "local" when auth is off
 * @param role what the caller may do
 * @param tokenId the token's id, null when auth is off
 */
public record Principal(String name, Role role, String tokenId) {
  /** The caller when auth is off (loopback only): may do everything. */
  public static final Principal LOCAL = new Principal("local", Role.ADMIN, null);
}
