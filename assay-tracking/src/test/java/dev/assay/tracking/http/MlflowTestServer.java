package dev.assay.tracking.http;

import dev.assay.server.AssayServer;
import dev.assay.server.AuthMode;
import dev.assay.server.Role;
import dev.assay.server.ServerConfig;
import dev.assay.server.TokenService;
import dev.assay.store.SqliteTokenStore;
import dev.assay.testkit.InMemoryStore;
import dev.assay.tracking.MlflowService;
import dev.assay.tracking.TrackingStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The team server on a free loopback port with the MLflow routes and pages mounted through its hook over
 * {@code store}: every request passes the server's checks as in {@code assay serve}. With auth on,
 * it holds one token of each role.
 */
final class MlflowTestServer implements AutoCloseable {
  private final InMemoryStore runs = new InMemoryStore();
  private final SqliteTokenStore tokenStore;
  private final AssayServer server;
  private final Map<Role, String> tokens = new EnumMap<>(Role.class);

  /** Auth off (loopback only), as a scientist's own {@code assay serve}. */
  MlflowTestServer(TrackingStore store, Path dir) {
    this(store, dir, AuthMode.NONE);
  }

  MlflowTestServer(TrackingStore store, Path dir, AuthMode auth) {
    tokenStore = SqliteTokenStore.open(dir.resolve("tokens.db"));
    server = AssayServer.builder(runs, ServerConfig.defaults(auth).withPort(0)).tokens(tokenStore)
        .mount(new MlflowRoutes(new MlflowService(store, Clock.systemUTC()))).mount(new TrackingPages(store)).build()
        .start();
    if (auth == AuthMode.TOKENS) {
      TokenService ts = new TokenService(tokenStore, Clock.systemUTC());
      for (Role r : List.of(Role.VIEWER, Role.EDITOR, Role.ADMIN)) {
        tokens.put(r, ts.create(r.wire() + "-token", r).token());
      }
    }
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The token of {@code role} (auth on only). */
  String token(Role role) {
    return tokens.get(role);
  }

  AssayServer server() {
    return server;
  }

  @Override
  public void close() {
    server.close();
    tokenStore.close();
    runs.close();
  }
}
