package dev.assay.cli;

import dev.assay.core.InputException;
import dev.assay.core.text.TerminalText;
import dev.assay.server.AssayServer;
import dev.assay.server.AuthMode;
import dev.assay.server.ServerConfig;
import dev.assay.store.SqliteTokenStore;
import dev.assay.tracking.MlflowService;
import dev.assay.tracking.TrackingStore;
import dev.assay.tracking.http.MlflowRoutes;
import dev.assay.tracking.http.TrackingPages;
import dev.assay.tracking.sql.TrackingStores;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code assay serve}: the team server (REST API and web UI) over the store, until Ctrl-C. Auth is
 * off by default, which is allowed only on loopback; binding elsewhere needs {@code --auth tokens}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Serve the store's runs, comparisons and verdicts: a REST API under /api/v1, a web UI, and MLflow's"
        + " tracking API under /api/2.0/mlflow (MLFLOW_TRACKING_URI=http://HOST:PORT). Stops on Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
  /** Servers started by this class in this process; tests stop them with {@link #stopAll}. */
  private static final List<CountDownLatch> RUNNING = new ArrayList<>();

  private final AssayCommand root;

  @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", description = "Port (default: ${DEFAULT-VALUE}; 0: any free port).")
  int port;

  @Option(names = "--bind", defaultValue = ServerConfig.DEFAULT_BIND, paramLabel = "ADDRESS",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
  String bind;

  @Option(names = "--db", paramLabel = "URL",
      description = "The store to serve, as --store takes it: jdbc:postgresql://HOST[:PORT]/DB (user and password in the"
          + " URL, or in PGUSER and PGPASSWORD), jdbc:sqlite:PATH or a store file.")
  String db;

  @Option(names = "--auth", defaultValue = "none", paramLabel = "MODE",
      description = "tokens (every request needs a token or a signed-in session) or none (default; loopback only).")
  String auth;

  @Option(names = "--allowed-host", paramLabel = "NAME",
      description = "A host name clients reach this server by (checked against the Host header); repeatable.")
  List<String> allowedHosts = new ArrayList<>();

  ServeCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws InterruptedException {
    CliContext ctx = root.ctx();
    AuthMode mode = switch (auth) {
      case "tokens" -> AuthMode.TOKENS;
      case "none" -> AuthMode.NONE;
      default -> throw InputException.of("--auth " + TerminalText.escape(auth) + " is not an auth mode", "tokens or none");
    };
    ServerConfig config = ServerConfig.defaults(mode).withPort(port).withBind(bind).withAllowedHosts(allowedHosts);
    config.check();
    CountDownLatch stop = new CountDownLatch(1);
    try (StoreSession session = new StoreSession(ctx, root.store, db);
        SqliteTokenStore tokens = SqliteTokenStore.open(session.tokensFile());
        TrackingStore tracking = TrackingStores.open(session.where(), ctx.env(), ctx.clock())) {
      // MLflow's tracking API under /api/2.0/mlflow and its pages under /experiments, behind the same checks, tokens
      // and roles; Prometheus /metrics.
      AssayServer server = AssayServer.builder(session.store(), config).tokens(tokens).clock(ctx.clock())
          .mount(new MlflowRoutes(new MlflowService(tracking, ctx.clock()))).mount(new TrackingPages(tracking))
          .mount(new ServeMetrics()).build();
      try {
        server.start();
      } catch (RuntimeException e) {
        throw InputException.of("cannot listen on " + TerminalText.escape(bind) + ":" + port + " ("
            + TerminalText.escape(String.valueOf(rootCause(e).getMessage())) + ")", "another --port, or stop what uses it");
      }
      String host = bind.contains(":") ? "[" + bind + "]" : bind;
      ctx.err().println("assay: serving " + TerminalText.escape(session.location()) + " at http://"
          + TerminalText.escape(host) + ":" + server.port() + "/ (auth " + (mode == AuthMode.NONE ? "off: this machine only"
          : "tokens: sign in with a token from 'assay tokens create'") + "); Ctrl-C stops");
      ctx.err().flush();
      Thread hook = new Thread(stop::countDown, "assay-serve-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      synchronized (RUNNING) {
        RUNNING.add(stop);
      }
      try {
        stop.await();
      } finally {
        synchronized (RUNNING) {
          RUNNING.remove(stop);
        }
        server.close();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the JVM is exiting: the hook is what got us here
        }
      }
    }
    return ExitCode.OK;
  }

  /** Stops every server this process started through the command (for tests). */
  static void stopAll() {
    synchronized (RUNNING) {
      RUNNING.forEach(CountDownLatch::countDown);
    }
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }
}
