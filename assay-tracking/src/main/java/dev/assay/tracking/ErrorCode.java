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
  RESOURCE_DOES_NOT_EXIST(404);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
