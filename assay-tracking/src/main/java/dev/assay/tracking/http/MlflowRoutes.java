package dev.assay.tracking.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.tracking.ErrorCode;
import dev.assay.tracking.MlflowException;
import dev.assay.tracking.MlflowJson;
import dev.assay.tracking.MlflowService;
import dev.assay.tracking.MlflowService.Endpoint;
import dev.assay.tracking.RequestFields;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mounts the MLflow tracking REST API on a Javalin app, under {@value Endpoint#PREFIX}.
 *
 * <p>Invariants: every response under the prefix is JSON; a refused request gets MLflow's error
 * body and status (not the server's problem+json, since MLflow clients read {@code error_code}); an
 * unknown path is ENDPOINT_NOT_FOUND (404) and a known path with the wrong method 405; an
 * unexpected failure is INTERNAL_ERROR (500) whose message says nothing of the server's internals
 * (the cause goes to the log). Authentication is the server's: register its before-handlers on the
 * prefix, using {@link Endpoint#writes()} to tell reads from writes.
 */
public final class MlflowRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(MlflowRoutes.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private MlflowRoutes() {}

  /** Registers every endpoint of {@code service} on {@code app}. */
  public static void register(Javalin app, MlflowService service) {
    Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
    for (Endpoint e : Endpoint.values()) {
      methodsByPath.computeIfAbsent(e.path(), p -> new java.util.TreeSet<>()).add(e.method());
      HandlerType type = HandlerType.valueOf(e.method());
      app.addHttpHandler(type, Endpoint.PREFIX + e.path(), ctx -> answer(ctx, () -> service.handle(e, fields(ctx))));
    }
    for (HandlerType type : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
        HandlerType.DELETE)) {
      app.addHttpHandler(type, Endpoint.PREFIX + "/<path>", ctx -> answer(ctx, () -> {
        String path = ctx.path().substring(Endpoint.PREFIX.length());
        Set<String> allowed = methodsByPath.get(path);
        if (allowed != null) {
          ctx.header("Allow", String.join(", ", allowed));
          throw new WrongMethod(ctx.method().name() + " is not allowed on " + Endpoint.PREFIX + path + "; use "
              + allowed.stream().collect(Collectors.joining(" or ")));
        }
        throw new MlflowException(ErrorCode.ENDPOINT_NOT_FOUND, "No such MLflow endpoint: " + ctx.method().name() + " "
            + Endpoint.PREFIX + path);
      }));
    }
  }

  /** A request's fields: its JSON body for POST, its query string for GET. */
  private static RequestFields fields(Context ctx) {
    if (ctx.method() == HandlerType.GET) {
      return RequestFields.ofQuery(ctx.queryParamMap());
    }
    String body = ctx.body();
    if (body.isBlank()) {
      return RequestFields.of(MlflowJson.object());
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MlflowException(ErrorCode.BAD_REQUEST, "The request body is not valid JSON: "
          + e.getOriginalMessage());
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
    } catch (RuntimeException e) {
      LOG.error("MLflow request {} {} failed", ctx.method(), ctx.path(), e);
      status = 500;
      body = MlflowJson.error(new MlflowException(ErrorCode.INTERNAL_ERROR,
          "The server failed to handle this request; its log has the details"));
    }
    try {
      ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
