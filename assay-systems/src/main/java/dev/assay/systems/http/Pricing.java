package dev.assay.systems.http;

/**
 * Prices per million tokens, in the suite's currency.
 *
 * @param inPerMillion price of a million prompt tokens, null when unknown
 * @param outPerMillion price of a million completion tokens, null when unknown
 */
public record Pricing(Double inPerMillion, Double outPerMillion) {
  public static final Pricing NONE = new Pricing(null, null);

  public Pricing {
    if ((inPerMillion != null && !(inPerMillion >= 0)) || (outPerMillion != null && !(outPerMillion >= 0))) {
      throw new IllegalArgumentException("prices must be finite and >= 0");
    }
  }

  /**
   * The cost of one call; null when no price is given or a priced token count is unknown, so an
   * unknown cost is never reported as 0. An unpriced side counts as free when the other is priced.
   */
  public Double cost(Long tokensIn, Long tokensOut) {
    if (inPerMillion == null && outPerMillion == null) {
      return null;
    }
    if ((inPerMillion != null && tokensIn == null) || (outPerMillion != null && tokensOut == null)) {
      return null;
    }
    double c = 0;
    if (inPerMillion != null) {
      c += tokensIn * inPerMillion / 1e6;
    }
    if (outPerMillion != null) {
      c += tokensOut * outPerMillion / 1e6;
    }
    return c;
  }
}
