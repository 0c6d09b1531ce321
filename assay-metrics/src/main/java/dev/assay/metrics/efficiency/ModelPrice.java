package dev.assay.metrics.efficiency;

/**
 * A model's token prices, per million tokens, in the suite's currency.
 *
 * @param inputPerMillion price of one million prompt tokens, finite and non-negative
 * @param outputPerMillion price of one million completion tokens, finite and non-negative
 */
public record ModelPrice(double inputPerMillion, double outputPerMillion) {
  public ModelPrice {
    if (!(inputPerMillion >= 0 && inputPerMillion < Double.POSITIVE_INFINITY)
        || !(outputPerMillion >= 0 && outputPerMillion < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("prices must be finite and non-negative");
    }
  }

  /** {@code (in × inputPerMillion + out × outputPerMillion) / 10⁶}. */
  public double cost(long tokensIn, long tokensOut) {
    return (tokensIn * inputPerMillion + tokensOut * outputPerMillion) / 1_000_000.0;
  }
}
