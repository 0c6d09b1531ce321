package dev.assay.server;

/** Whether the server asks for tokens. */
public enum AuthMode {
  /** Every route but health needs a token (API) or a signed-in session (UI). */
  TOKENS,
  /** Everyone is an admin: allowed only when the server listens on loopback. */
  NONE
}
