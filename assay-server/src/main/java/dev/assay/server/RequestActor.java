package dev.assay.server;

/**
 * Who the request being handled on this thread acts for, as the audit log names them: {@code
 * token:NAME} for a token (or a session signed in with one), {@code server:local} when auth is off.
 * Set for every matched request once it is authenticated and cleared when it ends, so a change a
 * handler makes through the server's audited store is recorded in its caller's name.
 */
final class RequestActor {
  /** Changes made outside a request (none today) are recorded as the server's own. */
  static final String SERVER = "server";
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private RequestActor() {}

  static String of(Principal p) {
    if (p == null) {
      return SERVER;
    }
    return p.tokenId() == null ? "server:" + p.name() : "token:" + p.name();
  }

  static void set(Principal p) {
    CURRENT.set(of(p));
  }

  static void clear() {
    CURRENT.remove();
  }

  static String current() {
    String a = CURRENT.get();
    return a == null ? SERVER : a;
  }
}
