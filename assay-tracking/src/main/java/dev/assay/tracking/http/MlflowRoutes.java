package dev.assay.tracking.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.server.BodyLimits;
import dev.assay.server.Problem;
import dev.assay.server.Role;
import dev.assay.server.RouteGroup;
import dev.assay.server.RouteTable;
import dev.assay.server.ServerContext;
import dev.assay.tracking.ErrorCode;
import dev.assay.tracking.MlflowException;
import dev.assay.tracking.MlflowJson;
import dev.assay.tracking.MlflowService;
import dev.assay.tracking.MlflowService.Endpoint;
import dev.assay.tracking.RequestFields;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MLflow tracking REST API under {@value Endpoint#PREFIX}, mounted on the team server through
 * its {@link RouteGroup} hook ({@code AssayServer.builder(...).mount(new MlflowRoutes(service))}).
 *
 * <p>Invariants: every route is registered through the server's {@link RouteTable}, so it passes
 * the server's Host/Origin checks, Bearer tokens (MLflow clients send {@code MLFLOW_TRACKING_TOKEN}
 * as {@code Authorization: Bearer}), role check and body limits: endpoints that write need the
 * editor role, the others (searches included, though MLflow sends them as POST) the viewer role.
 * Every response under the prefix is JSON, and every refusal has MLflow's error body ({@code
 * error_code}, {@code message}) rather than the server's problem+json, because MLflow clients parse
 * {@code error_code}; that holds for the server's own refusals too (401 UNAUTHENTICATED, 403
 * PERMISSION_DENIED, ...), through the problem format this group registers for its prefix. An
 * unknown path is ENDPOINT_NOT_FOUND (404), a known path with the wrong method 405; an unexpected
 * failure is INTERNAL_ERROR (500) whose message says nothing of the server's internals (the cause
 * goes to the log).
 */
public final class MlflowRoutes implements RouteGroup {
  private static final Logger LOG = LoggerFactory.getLogger(MlflowRoutes.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /**
   * Body limit of log-batch: 100 params of 6,000 characters and 100 tags of 8,000 with 1,000
   * metrics can pass the server's ordinary 1 MiB; 4 MiB holds them even when every character takes
   * several bytes of JSON escapes.
   */
  static final long LOG_BATCH_BYTES = 4L << 20;

  private final MlflowService service;

  public MlflowRoutes(MlflowService service) {
    this.service = Objects.requireNonNull(service, "service");
  }

  /** The role an endpoint needs: viewers read (searches included), editors log. */
  public static Role role(Endpoint e) {
    return e.writes() ? Role.EDITOR : Role.VIEWER;
  }

  @Override
  public void register(RouteTable routes, ServerContext server) {
    Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
    for (Endpoint e : Endpoint.values()) {
      methodsByPath.computeIfAbsent(e.path(), p -> new TreeSet<>()).add(e.method());
      String path = Endpoint.PREFIX + e.path();
      if (e == Endpoint.LOG_BATCH) {
        server.bodies().limit(e.method(), path, LOG_BATCH_BYTES);
      }
      switch (e.method()) {
        case "GET" -> routes.get(path, role(e), ctx -> answer(ctx, () -> service.handle(e, fields(ctx, server))));
        case "POST" -> routes.post(path, role(e), ctx -> answer(ctx, () -> service.handle(e, fields(ctx, server))));
        default -> throw new IllegalStateException("no route method " + e.method());
      }
    }
    // Registered after the endpoints, so it answers only what none of them matched.
    String rest = Endpoint.PREFIX + "/<path>";
    io.javalin.http.Handler unknown = ctx -> answer(ctx, () -> {
      String path = ctx.path().substring(Endpoint.PREFIX.length());
      Set<String> allowed = methodsByPath.get(path);
      if (allowed != null) {
        ctx.header("Allow", String.join(", ", allowed));
        throw new WrongMethod(ctx.method().name() + " is not allowed on " + Endpoint.PREFIX + path + "; use "
            + String.join(" or ", allowed));
      }
      throw new MlflowException(ErrorCode.ENDPOINT_NOT_FOUND, "No such MLflow endpoint: " + ctx.method().name() + " "
          + Endpoint.PREFIX + path);
    });
    routes.get(rest, Role.VIEWER, unknown).post(rest, Role.VIEWER, unknown).put(rest, Role.VIEWER, unknown)
        .patch(rest, Role.VIEWER, unknown).delete(rest, Role.VIEWER, unknown);
    routes.problemFormat(Endpoint.PREFIX + "/", MlflowRoutes::writeProblem);
  }

  /**
   * A refusal by the server itself (no or a bad token, a missing role, a foreign Host or Origin, a
   * body over the limit, an internal error) in MLflow's shape, with the server's HTTP status.
   */
  static void writeProblem(Context ctx, Problem p) {
    ErrorCode code = switch (p.status()) {
      case 401 -> ErrorCode.UNAUTHENTICATED;
      case 403 -> ErrorCode.PERMISSION_DENIED;
      case 404 -> ErrorCode.ENDPOINT_NOT_FOUND;
      default -> p.status() >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
    };
    write(ctx, p.status(), MlflowJson.error(new MlflowException(code, p.detail())));
  }

  /** A request's fields: its JSON body (within the route's size and the server's depth limits) for POST, its query string for GET. */
  private static RequestFields fields(Context ctx, ServerContext server) {
    if (ctx.method() == HandlerType.GET) {
      return RequestFields.ofQuery(ctx.queryParamMap());
    }
    byte[] body;
    try (InputStream in = server.bodies().stream(ctx)) {
      body = in.readAllBytes();
    } catch (IOException e) {
      if (e.getCause() instanceof Problem p) {
        throw p;
      }
      throw new UncheckedIOException(e);
    }
    if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return RequestFields.of(MlflowJson.object());
    }
    JsonNode node;
    try {
      node = BodyLimits.JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MlflowException(ErrorCode.BAD_REQUEST, "The request body is not valid JSON: "
          + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!(node instanceof ObjectNode object)) {
      throw new MlflowException(ErrorCode.BAD_REQUEST, "The request body must be a JSON object");
    }
    return RequestFields.of(object);
  }

  private interface Handler {
    ObjectNode run();
  }

  private static final class WrongMethod extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WrongMethod(String message) {
      super(message);
    }
  }

  private static void answer(Context ctx, Handler handler) {
    ObjectNode body;
    int status = 200;
    try {
      body = handler.run();
    } catch (MlflowException e) {
      status = e.code().httpStatus();
      body = MlflowJson.error(e);
    } catch (WrongMethod e) {
      status = 405;
      body = MlflowJson.error(new MlflowException(ErrorCode.BAD_REQUEST, e.getMessage()));
    } catch (Problem p) {
      writeProblem(ctx, p);
      return;
    } catch (RuntimeException e) {
      LOG.error("MLflow request {} {} failed", ctx.method(), ctx.path(), e);
      status = 500;
      body = MlflowJson.error(new MlflowException(ErrorCode.INTERNAL_ERROR,
          "The server failed to handle this request; its log has the details"));
    }
    write(ctx, status, body);
  }

  private static void write(Context ctx, int status, ObjectNode body) {
    try {
      ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
