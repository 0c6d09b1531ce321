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

  /** Every registered route, in registration order. */
  public List<Route> routes() {
    return Collections.unmodifiableList(routes);
  }
}
