package dev.assay.tracking;

/**
 * The MLflow error codes this server answers with (names from MLflow's {@code databricks.proto})
 * and the HTTP status MLflow's own server sends with each.
 */
public enum ErrorCode {
  INTERNAL_ERROR(500),
  BAD_REQUEST(400),
  INVALID_PARAMETER_VALUE(400),
  ENDPOINT_NOT_FOUND(404),
  RESOURCE_ALREADY_EXISTS(400),
  RESOURCE_DOES_NOT_EXIST(404),
  /** No or an invalid token: the server's auth refused the request. */
  UNAUTHENTICATED(401),
  /** The token's role does not allow the request (a viewer logging), or the request came from a foreign site. */
  PERMISSION_DENIED(403);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
