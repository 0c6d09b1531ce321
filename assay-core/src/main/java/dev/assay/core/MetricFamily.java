package dev.assay.core;

/**
 * The family a metric belongs to (DESIGN.md), as far as where it applies goes: which command
 * scores files of it, or that it needs a suite. A {@link ScorerProvider} declares the family of
 * each metric it describes ({@link ScorerProvider#family}); what an example must hold for the
 * metric is checked by the provider itself ({@link ScorerProvider#checkExample}).
 */
public enum MetricFamily {
  TEXT("a text metric", "assay score text"),
  RETRIEVAL("a retrieval measure", "assay score retrieval"),
  CLASSIFICATION("a classification metric", "assay score classification"),
  EFFICIENCY("an efficiency metric", "a suite: efficiency is measured while a system runs"),
  JUDGE("a judge metric", "a suite: the judge calls a model for each example"),
  /** A plug-in's metric of no built-in family: only suites compute it. */
  OTHER("a plug-in metric", "a suite");

  private final String noun;
  private final String where;

  MetricFamily(String noun, String where) {
    this.noun = noun;
    this.where = where;
  }

  /** The family in a sentence: {@code a retrieval measure}. */
  public String noun() {
    return noun;
  }

  /** Where metrics of the family are computed: a command, or a suite. */
  public String where() {
    return where;
  }
}
