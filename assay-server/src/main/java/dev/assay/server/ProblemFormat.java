package dev.assay.server;

import io.javalin.http.Context;

/**
 * Writes a problem in the error format of a mounted API whose clients parse their own error shape
 * (MLflow's {@code {"error_code", "message"}}), registered for a path prefix with {@link
 * RouteTable#problemFormat}. The status, and for 401 the {@code WWW-Authenticate} header, are set
 * before it is called; it writes the body and its content type.
 */
@FunctionalInterface
public interface ProblemFormat {
  void write(Context ctx, Problem problem);
}
