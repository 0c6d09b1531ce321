package dev.assay.server;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions, in memory (a restart signs everyone out). Every browser that opens a page gets
 * a session, signed in or not, so that every form, the sign-in form included, carries a CSRF token
 * bound to it. Signing in replaces the session by a new one (no fixation). Sessions end after
 * {@link #IDLE} without use.
 */
public final class Sessions {
  public static final String COOKIE = "assay_session";
  static final Duration IDLE = Duration.ofHours(12);
  private static final int MAX = 100_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * @param id the cookie value
   * @param principal who signed in, null for a session that has not signed in
   * @param csrf the token every state-changing request of this session must carry
   */
  public record Session(String id, Principal principal, String csrf, Instant lastUsed) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock;

  public Sessions(Clock clock) {
    this.clock = clock;
  }

  /** The live session {@code id} names, touched; null when unknown or expired. */
  public Session find(String id) {
    if (id == null) {
      return null;
    }
    Session s = sessions.get(id);
    Instant now = clock.instant();
    if (s == null || s.lastUsed().plus(IDLE).isBefore(now)) {
      if (s != null) {
        sessions.remove(id);
      }
      return null;
    }
    Session touched = new Session(s.id(), s.principal(), s.csrf(), now);
    sessions.put(id, touched);
    return touched;
  }

  /** A new session for {@code principal} (null: not signed in). */
  public Session open(Principal principal) {
    if (sessions.size() >= MAX) {
      Instant cutoff = clock.instant().minus(IDLE);
      sessions.values().removeIf(s -> s.lastUsed().isBefore(cutoff) || s.principal() == null);
    }
    Session s = new Session(random(), principal, random(), clock.instant());
    sessions.put(s.id(), s);
    return s;
  }

  public void close(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  /** Ends every session of a token (it was revoked). */
  public void closeAll(String tokenId) {
    sessions.values().removeIf(s -> s.principal() != null && tokenId.equals(s.principal().tokenId()));
  }

  private static String random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
