package dev.assay.tracking;

import java.util.Objects;

/**
 * A refused MLflow request: the error code and message MLflow's REST API returns as
 * {@code {"error_code": ..., "message": ...}}. The message may quote client input; renderers
 * escape it as JSON, and it never carries server internals.
 */
public final class MlflowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public MlflowException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public ErrorCode code() {
    return code;
  }

  public static MlflowException invalid(String message) {
    return new MlflowException(ErrorCode.INVALID_PARAMETER_VALUE, message);
  }

  public static MlflowException notFound(String message) {
    return new MlflowException(ErrorCode.RESOURCE_DOES_NOT_EXIST, message);
  }
}
