package dev.assay.core.text;

/**
 * A count with its noun in the right number, for messages people read: {@code 1 entry},
 * {@code 2 entries}, {@code 0 results}. One place, so no message says "1 entries".
 */
public final class Plural {
  private Plural() {}

  /** {@code n} and {@code noun}, with an {@code s} added unless {@code n} is 1. */
  public static String of(long n, String noun) {
    return of(n, noun, noun + "s");
  }

  /** {@code n} and {@code one} when {@code n} is 1, else {@code n} and {@code many}. */
  public static String of(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
