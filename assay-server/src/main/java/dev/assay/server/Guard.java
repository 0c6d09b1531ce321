package dev.assay.server;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import io.javalin.security.RouteRole;
import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * The checks every request passes before its handler, in this order (docs/design/server.md):
 *
 * <ol>
 *   <li>security headers on every response (strict CSP, no sniffing, no framing, no referrer to other sites);
 *   <li>the Host header names this server (DNS rebinding: a foreign name is refused, 421);
 *   <li>a state-changing request carries no foreign Origin and is not cross-site;
 *   <li>the declared body size is within the route's limit (413);
 *   <li>the caller is identified: a Bearer token, else the session cookie, else nobody (auth on) or
 *       the local admin (auth off); a route other than {@link Role#PUBLIC} needs someone (401, or
 *       the sign-in page for a browser) with the route's role (403);
 *   <li>a state-changing request that is not authorised by a Bearer token carries the session's
 *       CSRF token (header {@code X-CSRF-Token} or form field {@code csrf}), except, with auth off,
 *       a JSON request without cookies (a command-line client; a browser cannot send one
 *       cross-origin without a preflight this server never answers).
 * </ol>
 */
final class Guard {
  static final String PRINCIPAL = "assay.principal";
  static final String SESSION = "assay.session";
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

  private final ServerConfig config;
  private final IntSupplier port;
  private final TokenService tokens;
  private final Sessions sessions;
  private final BodyLimits limits;
  private final Set<String> names;

  Guard(ServerConfig config, IntSupplier port, TokenService tokens, Sessions sessions, BodyLimits limits) {
    this.config = config;
    this.port = port;
    this.tokens = tokens;
    this.sessions = sessions;
    this.limits = limits;
    this.names = names(config);
  }

  /** Runs for every request, matched or not. */
  void before(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    // same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on same-origin form posts
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("Cross-Origin-Resource-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
    if (!hostAllowed(ctx.header("Host"))) {
      throw new Problem(421, "host-not-allowed", "Unknown host", "this server does not answer to that host name "
          + "(add it with --allowed-host if it is this server's name)");
    }
    if (!SAFE.contains(ctx.method())) {
      String origin = ctx.header("Origin");
      if (origin != null && !originAllowed(origin)) {
        throw new Problem(403, "origin-not-allowed", "Foreign origin", "requests from another site are refused");
      }
      if ("cross-site".equals(ctx.header("Sec-Fetch-Site"))) {
        throw new Problem(403, "origin-not-allowed", "Foreign origin", "requests from another site are refused");
      }
    }
  }

  /** Runs for requests that matched a route: identity, role, CSRF, size. */
  void beforeMatched(Context ctx) {
    Role needed = role(ctx.routeRoles());
    limits.checkDeclared(ctx);
    Identified who = identify(ctx);
    if (who.principal() != null) {
      ctx.attribute(PRINCIPAL, who.principal());
    }
    if (needed != Role.PUBLIC) {
      if (who.principal() == null) {
        if (ctx.method() == HandlerType.GET && !ctx.path().startsWith("/api/") && !who.badToken()) {
          ctx.redirect("/login?next=" + java.net.URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8));
          ctx.skipRemainingHandlers();
          return;
        }
        throw Problem.unauthorized(who.badToken() ? "the token is not valid (unknown, revoked or mistyped)"
            : "this route needs a token: Authorization: Bearer TOKEN");
      }
      if (!who.principal().role().includes(needed)) {
        throw Problem.forbidden("this needs the " + needed.wire() + " role; the token '" + who.principal().name()
            + "' has " + who.principal().role().wire());
      }
    }
    if (!SAFE.contains(ctx.method()) && !who.bearer()) {
      checkCsrf(ctx, who.session());
    }
  }

  private record Identified(Principal principal, Sessions.Session session, boolean bearer, boolean badToken) {}

  private Identified identify(Context ctx) {
    String auth = ctx.header("Authorization");
    if (auth != null) {
      if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw Problem.unauthorized("only Bearer tokens are accepted: Authorization: Bearer TOKEN");
      }
      Principal p = tokens == null ? null : tokens.authenticate(auth.substring(7).trim()).orElse(null);
      if (p == null && config.auth() == AuthMode.NONE) {
        p = Principal.LOCAL;
      }
      return new Identified(p, null, p != null, p == null);
    }
    Sessions.Session s = sessions.find(ctx.cookie(Sessions.COOKIE));
    if (s != null) {
      ctx.attribute(SESSION, s);
      Principal p = s.principal() != null ? s.principal() : config.auth() == AuthMode.NONE ? Principal.LOCAL : null;
      return new Identified(p, s, false, false);
    }
    return new Identified(config.auth() == AuthMode.NONE ? Principal.LOCAL : null, null, false, false);
  }

  private void checkCsrf(Context ctx, Sessions.Session session) {
    if (session == null) {
      boolean json = ctx.contentType() != null
          && ctx.contentType().toLowerCase(Locale.ROOT).startsWith("application/json");
      if (config.auth() == AuthMode.NONE && json && ctx.header("Cookie") == null) {
        return;
      }
      throw new Problem(403, "csrf", "Missing CSRF token", "this request needs a session and its CSRF token "
          + "(or a Bearer token)");
    }
    String given = ctx.header("X-CSRF-Token");
    if (given == null && ctx.isFormUrlencoded()) {
      given = ctx.formParam("csrf");
    }
    if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
        session.csrf().getBytes(StandardCharsets.UTF_8))) {
      throw new Problem(403, "csrf", "Invalid CSRF token", "the form is stale or came from another site; reload the "
          + "page and try again");
    }
  }

  /** The session of a browser request, made (and its cookie set) when it has none. */
  Sessions.Session ensureSession(Context ctx) {
    Sessions.Session s = ctx.attribute(SESSION);
    if (s == null) {
      s = sessions.find(ctx.cookie(Sessions.COOKIE));
    }
    if (s == null) {
      s = sessions.open(null);
      setCookie(ctx, s.id());
    }
    ctx.attribute(SESSION, s);
    return s;
  }

  void setCookie(Context ctx, String id) {
    Cookie c = new Cookie(Sessions.COOKIE, id);
    c.setHttpOnly(true);
    c.setSecure("https".equals(ctx.scheme()));
    c.setSameSite(SameSite.STRICT);
    c.setPath("/");
    ctx.cookie(c);
  }

  void clearCookie(Context ctx) {
    Cookie c = new Cookie(Sessions.COOKIE, "");
    c.setHttpOnly(true);
    c.setSecure("https".equals(ctx.scheme()));
    c.setSameSite(SameSite.STRICT);
    c.setPath("/");
    c.setMaxAge(0);
    ctx.cookie(c);
  }

  private static Role role(Set<RouteRole> roles) {
    Role needed = null;
    for (RouteRole r : roles) {
      if (r instanceof Role role && (needed == null || role.compareTo(needed) > 0)) {
        needed = role;
      }
    }
    if (needed == null) {
      throw new IllegalStateException("a route without a declared role");
    }
    return needed;
  }

  /** The Host header, lower-cased, must be one of this server's names with its port. */
  boolean hostAllowed(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    String name;
    int p;
    int colon = h.lastIndexOf(':');
    if (colon > 0 && h.indexOf(']') < colon) {
      name = h.substring(0, colon);
      try {
        p = Integer.parseInt(h.substring(colon + 1));
      } catch (NumberFormatException e) {
        return false;
      }
    } else {
      name = h;
      p = 80;
    }
    return p == port.getAsInt() && names.contains(name);
  }

  private boolean originAllowed(String origin) {
    try {
      URI u = new URI(origin);
      if (u.getScheme() == null || u.getHost() == null || !Set.of("http", "https").contains(u.getScheme())) {
        return false;
      }
      int p = u.getPort() != -1 ? u.getPort() : u.getScheme().equals("https") ? 443 : 80;
      String host = u.getHost().contains(":") && !u.getHost().startsWith("[") ? "[" + u.getHost() + "]" : u.getHost();
      return hostAllowed(host + ":" + p);
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static Set<String> names(ServerConfig config) {
    java.util.HashSet<String> names = new java.util.HashSet<>(config.allowedHosts());
    String bind = config.bind().toLowerCase(Locale.ROOT);
    names.add(bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind);
    if (config.loopback()) {
      names.addAll(Set.of("localhost", "127.0.0.1", "[::1]"));
    }
    return Set.copyOf(names);
  }
}
