package dev.assay.server;

import dev.assay.core.audit.AuditEvent;
import dev.assay.core.audit.Subjects;
import dev.assay.registry.audit.AuditContent;
import dev.assay.store.StoredToken;
import dev.assay.store.TokenStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * API tokens: made once, shown once, kept only as a slow salted hash (PBKDF2-HMAC-SHA256 from the
 * JDK, {@value #ITERATIONS} iterations, 16-byte salt).
 *
 * <p>A token reads {@code assay_<id>_<secret>}: the 12-hex-digit id finds the stored hash without a
 * scan; the 256-bit secret is what is hashed. A verified token is remembered for {@link #REMEMBER}
 * under the SHA-256 of its text (never the text), so the slow hash is paid once per token and
 * minute rather than per request; revoking through this service forgets it at once, revoking from
 * another process takes effect within that minute. At most two slow hashes run at a time, so a
 * flood of wrong tokens cannot take every core.
 */
public final class TokenService {
  static final int ITERATIONS = 210_000;
  static final Duration REMEMBER = Duration.ofMinutes(1);
  private static final Pattern TOKEN = Pattern.compile("assay_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._@-]{0,63}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final TokenStore store;
  private final Clock clock;
  private final Consumer<AuditEvent> audit;
  private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
  private final Semaphore hashing = new Semaphore(2);

  private record Remembered(Principal principal, Instant until) {}

  /** A token just made: its text, shown once, and what is stored. */
  public record Created(String token, StoredToken stored) {}

  public TokenService(TokenStore store, Clock clock) {
    this(store, clock, event -> { });
  }

  /**
   * @param audit told of every token made ({@code token.created}) and revoked ({@code
   *     token.revoked}) after it was stored; the events carry the token's id, name and role, never
   *     its secret
   */
  public TokenService(TokenStore store, Clock clock, Consumer<AuditEvent> audit) {
    this.store = store;
    this.clock = clock;
    this.audit = audit;
  }

  /** The audit event of a token made: subject {@code token:ID}, content the hash of id, name, role and time. */
  public static AuditEvent created(StoredToken t) {
    return AuditEvent.of("token.created", AuditContent.of(new TreeMap<>(Map.of("id", t.id(), "name", t.name(),
        "role", t.role(), "created_at", t.createdAt().toString()))), Subjects.token(t.id()));
  }

  /** The audit event of a token revoked. */
  public static AuditEvent revoked(String id) {
    return AuditEvent.of("token.revoked", null, Subjects.token(id));
  }

  /**
   * Makes a token.
   *
   * @throws IllegalArgumentException when the name or role is not acceptable
   */
  public Created create(String name, Role role) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a token name is 1 to 64 letters, digits, spaces or . _ @ -, starting with a "
          + "letter or digit");
    }
    if (role == null || role == Role.PUBLIC) {
      throw new IllegalArgumentException("a token's role is viewer, editor or admin");
    }
    byte[] idBytes = new byte[6];
    byte[] secretBytes = new byte[32];
    byte[] salt = new byte[16];
    RANDOM.nextBytes(idBytes);
    RANDOM.nextBytes(secretBytes);
    RANDOM.nextBytes(salt);
    String id = HexFormat.of().formatHex(idBytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
    StoredToken stored = new StoredToken(id, name, role.wire(), salt, pbkdf2(secret, salt, ITERATIONS), ITERATIONS,
        clock.instant(), null);
    store.save(stored);
    audit.accept(created(stored));
    return new Created("assay_" + id + "_" + secret, stored);
  }

  /** Who {@code token} belongs to; empty when it is malformed, unknown, revoked or wrong. */
  public Optional<Principal> authenticate(String token) {
    if (token == null) {
      return Optional.empty();
    }
    var m = TOKEN.matcher(token);
    if (!m.matches()) {
      return Optional.empty();
    }
    String key = sha256(token);
    Remembered r = remembered.get(key);
    Instant now = clock.instant();
    if (r != null && now.isBefore(r.until())) {
      return Optional.of(r.principal());
    }
    Optional<StoredToken> stored = store.find(m.group(1));
    if (stored.isEmpty() || stored.get().revoked()) {
      return Optional.empty();
    }
    StoredToken t = stored.get();
    byte[] actual;
    hashing.acquireUninterruptibly();
    try {
      actual = pbkdf2(m.group(2), t.salt(), t.iterations());
    } finally {
      hashing.release();
    }
    if (!MessageDigest.isEqual(actual, t.hash())) {
      return Optional.empty();
    }
    Principal p = new Principal(t.name(), Role.ofToken(t.role()), t.id());
    if (remembered.size() > 10_000) {
      remembered.clear();
    }
    remembered.put(key, new Remembered(p, now.plus(REMEMBER)));
    return Optional.of(p);
  }

  public List<StoredToken> list() {
    return store.list();
  }

  /** Revokes a token and forgets any verification of it; false when unknown or revoked already. */
  public boolean revoke(String id) {
    boolean done = store.revoke(id, clock.instant());
    remembered.values().removeIf(r -> id.equals(r.principal().tokenId()));
    if (done) {
      audit.accept(revoked(id));
    }
    return done;
  }

  static byte[] pbkdf2(String secret, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", e);
    }
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
