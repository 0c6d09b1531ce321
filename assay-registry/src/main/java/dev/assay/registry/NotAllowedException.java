package dev.assay.registry;

/** The actor may not do this (an override by someone who is not an admin). */
public final class NotAllowedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotAllowedException(String message) {
    super(message);
  }
}
