package dev.assay.server;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Every route the server answers, each with the role it needs. Routes are registered only through
 * this table (never on Javalin directly), so no route can exist without a declared role, and tests
 * can walk the whole table (every route but health refuses a caller without a token).
 */
public final class RouteTable {
  /** One route: method, path (Javalin syntax, {@code {name}} for parameters) and the role it needs. */
  public record Route(String method, String path, Role role) {}

  private final Javalin app;
  private final List<Route> routes = new ArrayList<>();
  /** Path prefix to the error format of the routes under it; read by the {@link ProblemMapper}. */
  private final java.util.Map<String, ProblemFormat> formats = new java.util.concurrent.ConcurrentHashMap<>();

  RouteTable(Javalin app) {
    this.app = app;
  }

  public RouteTable get(String path, Role role, Handler handler) {
    return add(HandlerType.GET, path, role, handler);
  }

  public RouteTable post(String path, Role role, Handler handler) {
    return add(HandlerType.POST, path, role, handler);
  }

  public RouteTable put(String path, Role role, Handler handler) {
    return add(HandlerType.PUT, path, role, handler);
  }

  public RouteTable delete(String path, Role role, Handler handler) {
    return add(HandlerType.DELETE, path, role, handler);
  }

  public RouteTable patch(String path, Role role, Handler handler) {
    return add(HandlerType.PATCH, path, role, handler);
  }

  /** A server-sent-events stream (a GET). */
  public RouteTable sse(String path, Role role, Consumer<SseClient> client) {
    Objects.requireNonNull(role, "role");
    app.sse(path, client, role);
    routes.add(new Route("GET", path, role));
    return this;
  }

  private RouteTable add(HandlerType method, String path, Role role, Handler handler) {
    Objects.requireNonNull(role, "every route declares the role it needs");
    app.addHttpHandler(method, path, handler, role);
    routes.add(new Route(method.name(), path, role));
    return this;
  }

  /**
   * Renders every problem of a request under {@code pathPrefix} (the server's own refusals
   * included: 401, 403, 413, ...) with {@code format} rather than as problem+json, for a mounted
   * API whose clients parse another error shape. The longest matching prefix wins.
   */
  public RouteTable problemFormat(String pathPrefix, ProblemFormat format) {
    if (pathPrefix == null || !pathPrefix.startsWith("/")) {
      throw new IllegalArgumentException("a path prefix starts with /: " + pathPrefix);
    }
    formats.put(pathPrefix, Objects.requireNonNull(format, "format"));
    return this;
  }

  /** The error format registered for {@code path}, or null for problem+json. */
  ProblemFormat problemFormat(String path) {
    String best = null;
    for (String prefix : formats.keySet()) {
      if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
        best = prefix;
      }
    }
    return best == null ? null : formats.get(best);
  }

  /** Every registered route, in registration order. */
  public List<Route> routes() {
    return Collections.unmodifiableList(routes);
  }
}
