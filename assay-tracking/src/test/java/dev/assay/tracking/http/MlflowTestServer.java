package dev.assay.tracking.http;

import dev.assay.tracking.MlflowService;
import dev.assay.tracking.TrackingStore;
import io.javalin.Javalin;
import java.time.Clock;

/** A real Javalin server on a free loopback port serving the MLflow routes over {@code store}. */
final class MlflowTestServer implements AutoCloseable {
  private final Javalin app;

  MlflowTestServer(TrackingStore store) {
    app = Javalin.create(config -> config.showJavalinBanner = false);
    MlflowRoutes.register(app, new MlflowService(store, Clock.systemUTC()));
    app.start("127.0.0.1", 0);
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
  String url() {
    return "http://127.0.0.1:" + app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
