package dev.assay.server;

import dev.assay.core.Store;
import io.javalin.http.Context;
import java.time.Clock;

/**
 * What route handlers (built-in and mounted {@link RouteGroup}s) work with: the store, the clock,
 * body reading with limits, and who is calling.
 */
public final class ServerContext {
  private final Store store;
  private final Clock clock;
  private final BodyLimits bodies;
  private final ServerConfig config;

  ServerContext(Store store, Clock clock, BodyLimits bodies, ServerConfig config) {
    this.store = store;
    this.clock = clock;
    this.bodies = bodies;
    this.config = config;
  }

  public Store store() {
    return store;
  }

  public Clock clock() {
    return clock;
  }

  public BodyLimits bodies() {
    return bodies;
  }

  public ServerConfig config() {
    return config;
  }

  /** Who is calling; null only on public routes without credentials. */
  public static Principal principal(Context ctx) {
    return ctx.attribute(Guard.PRINCIPAL);
  }
}
