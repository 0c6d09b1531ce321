package dev.assay.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request bodies: how large each route accepts, and how JSON is read (depth, string and number
 * limits; bound only to the project's own record types, never to a type the document names).
 *
 * <p>A body larger than its route's limit is refused with 413 from its Content-Length before it is
 * read, and, without a length (chunked), as soon as the stream passes the limit.
 */
public final class BodyLimits {
  /** Deepest JSON nesting accepted: model outputs are JSON too, but nothing real nests 64 deep. */
  public static final int MAX_DEPTH = 64;

  /** Reads request JSON with the project's record conventions and this class's limits. */
  public static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(100)
              .maxStringLength(16 << 20).maxNameLength(10_000).build())
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build())
      // the same conventions as Json.RECORDS, which writes what clients send
      .propertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
      .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .findAndAddModules()
      .build();

  private final long defaultLimit;
  private final Map<String, Long> limits = new ConcurrentHashMap<>();

  public BodyLimits(long defaultLimit) {
    this.defaultLimit = defaultLimit;
  }

  /** Sets the body limit of one route (method and path as registered). */
  public void limit(String method, String path, long bytes) {
    limits.put(method.toUpperCase(Locale.ROOT) + " " + path, bytes);
  }

  long limitOf(Context ctx) {
    return limits.getOrDefault(ctx.method().name() + " " + ctx.endpointHandlerPath(), defaultLimit);
  }

  void checkDeclared(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    long limit = limitOf(ctx);
    if (declared > limit) {
      throw Problem.tooLarge("the body has " + declared + " bytes; this route accepts at most " + limit);
    }
  }

  /** The body as a stream that fails with 413 past the route's limit. */
  public InputStream stream(Context ctx) {
    long limit = limitOf(ctx);
    try {
      return new Limited(ctx.req().getInputStream(), limit);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body as a JSON tree; requires {@code Content-Type: application/json}. */
  public JsonNode json(Context ctx) {
    requireJson(ctx);
    try (InputStream in = stream(ctx)) {
      JsonNode node = JSON.readTree(in);
      if (node == null || node.isMissingNode()) {
        throw Problem.badRequest("the request has no JSON body");
      }
      return node;
    } catch (Problem p) {
      throw p;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ProblemMapper.toProblem(e);
    } catch (IOException e) {
      if (e.getCause() instanceof Problem p) {
        throw p;
      }
      throw new UncheckedIOException(e);
    }
  }

  /** Binds a JSON tree to one of the project's record types, with a problem naming the field on failure. */
  public static <T> T bind(JsonNode node, Class<T> type) {
    try {
      return JSON.treeToValue(node, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ProblemMapper.toProblem(e);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw Problem.badRequest("not a valid " + type.getSimpleName() + ": " + (e.getMessage() == null ? "a required "
          + "field is missing" : dev.assay.core.text.Excerpt.of(e.getMessage())));
    }
  }

  static void requireJson(Context ctx) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw Problem.unsupportedMediaType("send the body as Content-Type: application/json");
    }
  }

  /** Counts bytes; past the limit, fails with a 413 problem (wrapped, since streams throw IOException). */
  private static final class Limited extends FilterInputStream {
    private final long limit;
    private long read;

    Limited(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(long n) throws IOException {
      read += n;
      if (read > limit) {
        throw new IOException("too large", Problem.tooLarge("the body is larger than the " + limit
            + " bytes this route accepts"));
      }
    }
  }
}
