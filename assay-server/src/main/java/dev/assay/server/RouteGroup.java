package dev.assay.server;

/**
 * A group of routes mounted on the server beside the built-in ones: the hook through which further
 * APIs (the MLflow-compatible tracking API under {@code /api/2.0/mlflow/}) are added. Every route a
 * group registers goes through {@link RouteTable}, so it gets the same Host/Origin checks,
 * authentication, role check, CSRF check, size limits and problem mapping as the REST API, and it
 * appears in the route table the security tests walk (docs/design/server.md).
 */
@FunctionalInterface
public interface RouteGroup {
  /** Registers this group's routes; called once, before the server starts. */
  void register(RouteTable routes, ServerContext server);
}
