package dev.assay.server;

import java.util.regex.Pattern;

/**
 * Validation of every id that reaches the server in a path or query, before it is used: ids are
 * looked up in the store by value and never become file paths, but a malformed one is refused
 * early with one clear problem (and cannot carry a traversal, a NUL or markup).
 */
public final class Ids {
  /** Run and verdict ids: UUIDs as assay makes them, or other simple names (tests, imports). */
  private static final Pattern RUN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{12}");

  private Ids() {}

  public static String run(String id) {
    return check(id, RUN, "run id", "letters, digits, - and _, up to 128 characters");
  }

  public static String verdict(String id) {
    return check(id, RUN, "verdict id", "letters, digits, - and _, up to 128 characters");
  }

  public static String hash(String id) {
    return check(id, HASH, "dataset hash", "64 lower-case hex digits (sha256)");
  }

  public static String token(String id) {
    return check(id, TOKEN, "token id", "12 lower-case hex digits");
  }

  private static String check(String id, Pattern p, String what, String expected) {
    if (id == null || !p.matcher(id).matches()) {
      throw Problem.invalidId(what, "not a valid " + what + ": expected " + expected);
    }
    return id;
  }
}
