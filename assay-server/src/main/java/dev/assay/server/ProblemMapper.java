package dev.assay.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.RunFailedException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where errors become responses: every failure of every route, API or page, ends as
 * an RFC 9457 problem with a stable {@code type} ({@code urn:assay:problem:<slug>}). API routes and
 * non-browser clients get {@code application/problem+json}; a browser asking for a page gets the
 * same problem as a small HTML page (escaped), so a person sees a message rather than JSON.
 *
 * <p>Internal errors say only "internal error" with a reference logged beside the stack trace: no
 * class names, paths or SQL reach the client.
 */
public final class ProblemMapper {
  public static final String MEDIA_TYPE = "application/problem+json";
  private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

  private ProblemMapper() {}

  /** Installs the mapper on {@code app}; problems under a prefix {@code routes} has a format for are written in it. */
  public static void install(Javalin app, RouteTable routes) {
    app.exception(Exception.class, (e, ctx) -> write(ctx, toProblem(e), routes.problemFormat(ctx.path())));
    for (int status : new int[] {404, 405}) {
      app.error(status, ctx -> {
        ProblemFormat format = routes.problemFormat(ctx.path());
        if (format != null) {
          // a mounted API answers its own 404s and 405s in its format; only an empty answer gets one here
          if (ctx.resultInputStream() == null) {
            write(ctx, status == 404 ? Problem.notFound("no such resource: " + ctx.method() + " " + ctx.path())
                : new Problem(405, "method-not-allowed", "Method not allowed", ctx.method() + " is not allowed here"),
                format);
          }
          return;
        }
        String type = ctx.res().getContentType();
        if (type == null || !type.startsWith(MEDIA_TYPE) && !type.startsWith("text/html")) {
          write(ctx, status == 404 ? Problem.notFound("no such resource: " + ctx.method() + " " + ctx.path())
              : new Problem(405, "method-not-allowed", "Method not allowed", ctx.method() + " is not allowed here"));
        }
      });
    }
  }

  /** The problem an exception stands for. */
  static Problem toProblem(Exception e) {
    if (e instanceof Problem p) {
      return p;
    }
    if (e instanceof InputException ie) {
      return new Problem(400, "invalid-input", "Invalid input", ie.getMessage());
    }
    if (e instanceof RunFailedException rf) {
      return new Problem(409, "run-failed", "Run failed", rf.getMessage());
    }
    if (e instanceof JsonProcessingException je) {
      String where = je instanceof com.fasterxml.jackson.databind.JsonMappingException m
          ? dev.assay.core.text.JsonProblem.field(m) : null;
      return new Problem(400, "malformed-json", "Malformed JSON", dev.assay.core.text.JsonProblem.of(je)
          + (where == null || where.isEmpty() ? "" : " (field " + where + ")"));
    }
    if (e instanceof HttpResponseException h) {
      return switch (h.getStatus()) {
        case 404 -> Problem.notFound("no such resource");
        case 413 -> Problem.tooLarge("the request body is larger than this server accepts");
        case 405 -> new Problem(405, "method-not-allowed", "Method not allowed", "method not allowed here");
        default -> h.getStatus() < 500 ? new Problem(h.getStatus(), "invalid-request", "Invalid request", "refused")
            : internal(e);
      };
    }
    return internal(e);
  }

  private static Problem internal(Exception e) {
    String reference = Long.toHexString(System.nanoTime());
    LOG.error("internal error {}", reference, e);
    return new Problem(500, "internal", "Internal error", "internal error (reference " + reference + ")");
  }

  /** Writes {@code p} as the response. */
  static void write(Context ctx, Problem p) {
    write(ctx, p, null);
  }

  /** Writes {@code p} as the response, in {@code format} when it is not null. */
  static void write(Context ctx, Problem p, ProblemFormat format) {
    ctx.status(p.status());
    if (p.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"assay\"");
    }
    if (format != null) {
      format.write(ctx, p);
      return;
    }
    if (wantsPage(ctx)) {
      ctx.contentType("text/html; charset=utf-8");
      ctx.result(dev.assay.server.ui.Layout.errorPage(p));
      return;
    }
    ctx.contentType(MEDIA_TYPE);
    ctx.result(Json.write(json(p, ctx.path())));
  }

  static ObjectNode json(Problem p, String instance) {
    ObjectNode o = Json.object();
    o.put("type", "urn:assay:problem:" + p.type());
    o.put("title", p.title());
    o.put("status", p.status());
    o.put("detail", p.detail());
    o.put("instance", instance);
    return o;
  }

  /** A browser navigating to a page (not the API, not a script asking for JSON). */
  private static boolean wantsPage(Context ctx) {
    String accept = ctx.header("Accept");
    return !ctx.path().startsWith("/api/") && accept != null && accept.contains("text/html");
  }
}
