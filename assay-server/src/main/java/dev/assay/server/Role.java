package dev.assay.server;

import io.javalin.security.RouteRole;
import java.util.Locale;

/**
 * What a caller may do. Roles are ordered: each includes the ones before it. {@link #PUBLIC} marks
 * the few routes that need no sign-in (health, the sign-in page, static files).
 */
public enum Role implements RouteRole {
  PUBLIC,
  /** Reads everything. */
  VIEWER,
  /** Also pushes runs, datasets and verdicts. */
  EDITOR,
  /** Also creates and revokes tokens. */
  ADMIN;

  /** Whether a caller with this role may use a route that needs {@code needed}. */
  public boolean includes(Role needed) {
    return compareTo(needed) >= 0;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A token role by its name; PUBLIC is no token role. */
  public static Role ofToken(String name) {
    for (Role r : values()) {
      if (r != PUBLIC && r.wire().equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role '" + name + "': expected viewer, editor or admin");
  }
}
