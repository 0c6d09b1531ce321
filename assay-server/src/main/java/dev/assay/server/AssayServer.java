package dev.assay.server;

import dev.assay.core.Plugins;
import dev.assay.core.Store;
import dev.assay.registry.audit.AuditedStore;
import dev.assay.store.TokenStore;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The team server: the REST API, the web UI and any mounted {@link RouteGroup}s over one {@link
 * Store}, in one process (docs/server.md, docs/design/server.md).
 *
 * <p>When the store is an {@link AuditedStore}, the server also serves its model registry, audit
 * log and scorecard (docs/registry.md), and every change (a pushed run, a promotion, a token made
 * or revoked) is recorded in the name of the caller's token; over any other store those routes
 * answer 404.
 *
 * <p>Invariants: every route is registered through one {@link RouteTable} with the role it needs;
 * every request passes the {@link Guard}; every error leaves through the {@link ProblemMapper}. The
 * server never fetches a URL, runs a command, or opens a file named by a request: ids are looked up
 * in the store, and static files come from a fixed list of class-path resources.
 */
public final class AssayServer implements AutoCloseable {
  private final ServerConfig config;
  private final Javalin app;
  private final RouteTable routes;
  private final LiveRuns live;
  private final Sessions sessions;
  private final TokenService tokens;
  private final ServerContext context;
  private boolean started;

  private AssayServer(Builder b) {
    this.config = b.config;
    Clock clock = b.clock;
    BodyLimits limits = new BodyLimits(config.maxJsonBytes());
    // an audited store records every change in the name of the caller whose request made it
    AuditedStore audited = b.store instanceof AuditedStore a ? a.actedBy(RequestActor::current) : null;
    Store store = audited != null ? audited : b.store;
    this.context = new ServerContext(store, clock, limits, config);
    this.sessions = new Sessions(clock);
    this.tokens = b.tokens == null ? null
        : new TokenService(b.tokens, clock, audited == null ? event -> { } : audited::record);
    if (config.auth() == AuthMode.TOKENS && tokens == null) {
      throw new IllegalArgumentException("auth tokens needs a token store");
    }
    this.live = new LiveRuns(store);
    this.app = Javalin.create(c -> {
      c.showJavalinBanner = false;
      c.http.maxRequestSize = config.maxJsonBytes();
      c.http.defaultContentType = "application/json";
      c.jsonMapper(new JavalinJackson(dev.assay.core.Json.MAPPER, false));
      c.jetty.modifyServer(s -> s.setStopTimeout(2000));
      c.jetty.modifyHttpConfiguration(h -> {
        h.setSendServerVersion(false);
        h.setRequestHeaderSize(16 * 1024);
      });
    });
    Guard guard = new Guard(config, this::port, tokens, sessions, limits);
    this.routes = new RouteTable(app);
    ProblemMapper.install(app, routes);
    app.before(guard::before);
    app.beforeMatched(guard::beforeMatched);
    app.beforeMatched(ctx -> RequestActor.set(ServerContext.principal(ctx)));
    app.after(ctx -> RequestActor.clear());
    Comparisons comparisons = new Comparisons(store, b.plugins, clock);
    ApiV1 api = new ApiV1(context, tokens, sessions, comparisons, live);
    api.register(routes, limits, config);
    RegistryApi registry = new RegistryApi(context, audited == null ? null
        : new RegistryAccess(audited, b.plugins, clock));
    registry.register(routes);
    UiRoutes ui = new UiRoutes(context, api, guard, sessions, tokens);
    ui.register(routes);
    context.ui(ui);
    new RegistryPages(ui, registry).register(routes);
    for (RouteGroup g : b.groups) {
      g.register(routes, context);
    }
  }

  /** Starts listening; returns this server. */
  public AssayServer start() {
    config.check();
    app.start(config.bind(), config.port());
    started = true;
    return this;
  }

  /** The port the server listens on (the real one when configured with port 0). */
  public int port() {
    return started ? app.port() : config.port();
  }

  /** Every route, with the role it needs. */
  public List<RouteTable.Route> routes() {
    return routes.routes();
  }

  public ServerConfig config() {
    return config;
  }

  /** Stops listening and the live-run ticker; the store is the caller's to close. */
  @Override
  public void close() {
    live.close();
    app.stop();
  }

  public static Builder builder(Store store, ServerConfig config) {
    return new Builder(store, config);
  }

  /** What a server is made of; {@link #mount} adds route groups such as the MLflow API. */
  public static final class Builder {
    private final Store store;
    private final ServerConfig config;
    private TokenStore tokens;
    private Plugins plugins = Plugins.installed();
    private Clock clock = Clock.systemUTC();
    private final List<RouteGroup> groups = new ArrayList<>();

    private Builder(Store store, ServerConfig config) {
      this.store = Objects.requireNonNull(store, "store");
      this.config = Objects.requireNonNull(config, "config");
    }

    public Builder tokens(TokenStore t) {
      this.tokens = t;
      return this;
    }

    public Builder plugins(Plugins p) {
      this.plugins = p;
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = c;
      return this;
    }

    /** Mounts a group of further routes, behind the same checks as the built-in ones. */
    public Builder mount(RouteGroup group) {
      groups.add(Objects.requireNonNull(group, "group"));
      return this;
    }

    public AssayServer build() {
      return new AssayServer(this);
    }
  }
}
