package dev.assay.systems.judge;

/**
 * The judge could not score an example (it failed to answer, or its answer has no valid score).
 * Unchecked, as {@link dev.assay.core.Scorer#score} declares none; the engine records it as the
 * example's error, so a failed judgement is never a silent 0.
 */
public final class JudgeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JudgeException(String message) {
    super(message);
  }
}
