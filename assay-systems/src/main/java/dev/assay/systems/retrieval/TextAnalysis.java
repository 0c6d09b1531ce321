package dev.assay.systems.retrieval;

import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * The analyzers a {@code bm25} system may use (parameter {@code analyzer}).
 *
 * <ul>
 *   <li>{@code standard}: Lucene's StandardAnalyzer (Unicode word breaks, lower case, no stop
 *       words, no stemming);
 *   <li>{@code english}: Lucene's EnglishAnalyzer (the same tokens, possessives removed, English
 *       stop words, Porter stemming), as Anserini's default BM25 runs use.
 * </ul>
 */
public enum TextAnalysis {
  STANDARD,
  ENGLISH;

  /** A new analyzer; each index owns and closes its own. */
  Analyzer newAnalyzer() {
    return this == STANDARD ? new StandardAnalyzer() : new EnglishAnalyzer();
  }

  /** The name used in suites. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
