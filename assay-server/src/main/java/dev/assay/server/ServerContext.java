package dev.assay.server;

import dev.assay.core.Store;
import io.javalin.http.Context;
import dev.assay.server.ui.Layout;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What route handlers (built-in and mounted {@link RouteGroup}s) work with: the store, the clock,
 * body reading with limits, and who is calling.
 */
public final class ServerContext {
  private final Store store;
  private final Clock clock;
  private final BodyLimits bodies;
  private final ServerConfig config;
  private final List<Layout.NavLink> nav = new CopyOnWriteArrayList<>();
  private UiRoutes ui;

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

  /** Set once by the server before any group registers. */
  void ui(UiRoutes routes) {
    this.ui = routes;
  }

  /**
   * Adds a link to every page's navigation, after "Runs": how a mounted group's pages become
   * reachable. Call it from {@link RouteGroup#register}.
   */
  public void addNav(String path, String label) {
    nav.add(new Layout.NavLink(path, label));
  }

  /** The links mounted groups added, in the order added. */
  public List<Layout.NavLink> nav() {
    return List.copyOf(nav);
  }

  /**
   * Answers {@code ctx} with a whole UI page in the server's frame (navigation, who is signed in,
   * the sign-out form with the session's CSRF token): how a mounted group renders its pages.
   *
   * @param title escaped here
   * @param active the navigation path to highlight
   * @param body trusted markup in which the caller escaped every untrusted piece ({@link Layout#t},
   *     {@link Layout#a})
   */
  public void page(Context ctx, String title, String active, String body) {
    Objects.requireNonNull(ui, "the UI is not set up yet").html(ctx, title, active, body);
  }

  /** Who is calling; null only on public routes without credentials. */
  public static Principal principal(Context ctx) {
    return ctx.attribute(Guard.PRINCIPAL);
  }
}
