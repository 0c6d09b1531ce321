package dev.assay.server;

/**
 * An error a request ends with, rendered as RFC 9457 {@code application/problem+json} by {@link
 * ProblemMapper}. {@code type} is a stable slug, published as {@code urn:assay:problem:<slug>}
 * (docs/server.md lists them); {@code detail} is for people and never carries a stack trace.
 */
public final class Problem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final String title;

  public Problem(int status, String type, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
  }

  public int status() {
    return status;
  }

  /** The stable slug. */
  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public static Problem badRequest(String detail) {
    return new Problem(400, "invalid-request", "Invalid request", detail);
  }

  public static Problem invalidId(String what, String detail) {
    return new Problem(400, "invalid-id", "Invalid " + what, detail);
  }

  public static Problem notFound(String detail) {
    return new Problem(404, "not-found", "Not found", detail);
  }

  public static Problem unauthorized(String detail) {
    return new Problem(401, "unauthorized", "Sign-in required", detail);
  }

  public static Problem forbidden(String detail) {
    return new Problem(403, "forbidden", "Not allowed", detail);
  }

  public static Problem conflict(String detail) {
    return new Problem(409, "conflict", "Conflict", detail);
  }

  public static Problem tooLarge(String detail) {
    return new Problem(413, "payload-too-large", "Request too large", detail);
  }

  public static Problem unsupportedMediaType(String detail) {
    return new Problem(415, "unsupported-media-type", "Unsupported media type", detail);
  }
}
