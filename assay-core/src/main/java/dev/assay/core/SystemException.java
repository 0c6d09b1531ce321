package dev.assay.core;

/**
 * A system failed to answer one example.
 *
 * <p>{@link #isTransient()} tells the engine whether a retry may succeed (a timeout, a dropped
 * connection, HTTP 429/5xx, a crashed subprocess) or not (the system answered with an error).
 */
public class SystemException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean transientFault;

  public SystemException(String message, boolean transientFault) {
    super(message);
    this.transientFault = transientFault;
  }

  public SystemException(String message, boolean transientFault, Throwable cause) {
    super(message, cause);
    this.transientFault = transientFault;
  }

  public boolean isTransient() {
    return transientFault;
  }
}
