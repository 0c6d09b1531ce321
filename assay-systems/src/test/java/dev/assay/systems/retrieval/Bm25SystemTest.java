package dev.assay.systems.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Plugins;
import dev.assay.core.SystemException;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import dev.assay.testkit.SystemConformance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bm25 adapter passes the conformance suite; its rankings and scores match BM25 computed by
 * hand; bad parameters get one message naming the field.
 *
 * <p>The conformance answers are those of an independently built index over the same corpus: a
 * retriever must answer the same whichever instance, thread or order serves the query. Ranking
 * correctness is checked separately against hand-derived expectations.
 */
class Bm25SystemTest extends SystemConformance {
  @TempDir Path dir;

  private Bm25Retriever reference;

  @Override
  protected SystemUnderTest newSystem() throws Exception {
    TinyCorpus.write(dir);
    return Plugins.installed().system(spec(Json.object().put("corpus", "corpus.jsonl").put("top_k", 5)),
        dev.assay.testkit.Contexts.suite(dir.resolve("suite.yaml")));
  }

  @Override
  protected List<Example> examples() {
    return TinyCorpus.examples();
  }

  @Override
  protected String expectedOutput(Example e) {
    try {
      if (reference == null) {
        Path refDir = Files.createDirectories(dir.resolve("reference"));
        reference = new Bm25Retriever(TinyCorpus.load(refDir), RetrieverFactory.DEFAULT_K1, RetrieverFactory.DEFAULT_B,
            TextAnalysis.ENGLISH);
      }
      return Json.canonical(Hits.toJson(reference.search(e.inputText(), 5)));
    } catch (Exception ex) {
      throw new AssertionError(ex);
    }
  }

  @AfterEach
  void closeReference() {
    if (reference != null) {
      reference.close();
    }
  }

  @Override
  protected Optional<Example> unanswerable() {
    return Optional.of(new Example("object-input", Json.object().put("q", "bread"), null, null, null, 0));
  }

  private static SystemSpec spec(ObjectNode params) {
    return new SystemSpec("lexical", "bm25", params, 7);
  }

  @Test
  void eachQueryRanksItsSubjectFirst() throws Exception {
    try (Bm25Retriever r = new Bm25Retriever(TinyCorpus.load(dir), 0.9, 0.4, TextAnalysis.ENGLISH)) {
      assertThat(top(r, "sourdough starter")).isEqualTo("starter");
      assertThat(top(r, "bicycle chain oil")).isEqualTo("bikes");
      assertThat(top(r, "brewing green tea")).isEqualTo("tea");
      assertThat(top(r, "lava and magma")).isEqualTo("volcano");
      // Stemming: "fermenting" and "tide" match "fermented" and "tides" only through the English analyzer.
      assertThat(top(r, "fermenting")).isEqualTo("starter");
      assertThat(top(r, "tide")).isEqualTo("tides");
      assertThat(r.search("rye bread", 10)).extracting(Hit::docid).containsExactly("rye", "bread");
    }
  }

  @Test
  void theStandardAnalyzerDoesNotStem() throws Exception {
    try (Bm25Retriever r = new Bm25Retriever(TinyCorpus.load(dir), 0.9, 0.4, TextAnalysis.STANDARD)) {
      assertThat(r.search("fermenting", 10)).isEmpty();
      assertThat(top(r, "fermented")).isEqualTo("starter");
    }
  }

  @Test
  void scoresAreTheBm25FormulaComputedByHand() throws Exception {
    // Lucene 9 BM25: idf = ln(1 + (N - n + 0.5) / (n + 0.5)); tf part = f / (f + k1 (1 - b + b dl / avgdl)).
    // With the standard analyzer tokens are the lower-cased words; all documents are shorter than
    // Lucene's exactly encoded lengths, so the only difference is float rounding.
    Corpus corpus = TinyCorpus.load(dir);
    double k1 = 1.2;
    double b = 0.75;
    try (Bm25Retriever r = new Bm25Retriever(corpus, k1, b, TextAnalysis.STANDARD)) {
      Map<String, List<String>> tokens = new HashMap<>();
      long total = 0;
      for (CorpusDocument d : corpus.documents()) {
        List<String> words = List.of(d.contents().toLowerCase(java.util.Locale.ROOT).split("[^a-z]+"));
        words = words.stream().filter(w -> !w.isEmpty()).toList();
        tokens.put(d.id(), words);
        total += words.size();
      }
      double avgdl = (double) total / corpus.size();
      String[] query = {"sourdough", "bread"};
      List<Hit> hits = r.search("sourdough bread", 10);
      assertThat(hits).isNotEmpty();
      for (Hit h : hits) {
        List<String> words = tokens.get(h.docid());
        double expected = 0;
        for (String term : query) {
          long n = tokens.values().stream().filter(w -> w.contains(term)).count();
          long f = words.stream().filter(term::equals).count();
          if (f > 0) {
            double idf = Math.log(1 + (corpus.size() - n + 0.5) / (n + 0.5));
            expected += idf * f / (f + k1 * (1 - b + b * words.size() / avgdl));
          }
        }
        assertThat(h.score()).as("score of %s", h.docid()).isCloseTo(expected, within(1e-5 * expected));
      }
      // Documents holding both terms outrank those holding one: rye (both) before bread and starter.
      assertThat(hits.get(0).docid()).isEqualTo("rye");
    }
  }

  @Test
  void aRepeatedQueryTermWeighsDouble() throws Exception {
    try (Bm25Retriever r = new Bm25Retriever(TinyCorpus.load(dir), 0.9, 0.4, TextAnalysis.ENGLISH)) {
      double once = r.search("volcano", 1).get(0).score();
      double twice = r.search("volcano volcano", 1).get(0).score();
      assertThat(twice).isCloseTo(2 * once, within(1e-5));
    }
  }

  @Test
  void queriesOfOnlyStopWordsOrNoWordsRetrieveNothing() throws Exception {
    try (Bm25Retriever r = new Bm25Retriever(TinyCorpus.load(dir), 0.9, 0.4, TextAnalysis.ENGLISH)) {
      assertThat(r.search("the and of it", 10)).isEmpty();
      assertThat(r.search("", 10)).isEmpty();
      assertThat(r.search("?!", 10)).isEmpty();
    }
  }

  @Test
  void topKLimitsTheAnswerAndTiesRankByDocidDescending() throws Exception {
    try (Bm25Retriever r = new Bm25Retriever(TinyCorpus.load(dir), 0.9, 0.0, TextAnalysis.ENGLISH)) {
      // With b = 0 a single occurrence scores the same in every document: "water" is in starter
      // and tea, "crust" in bread and volcano; ties go to the larger docid first.
      assertThat(r.search("water", 10)).extracting(Hit::docid).containsExactly("tea", "starter");
      // Lucene alone would return bread (indexed first) for the top 1; the tie rule returns volcano.
      assertThat(r.search("crust", 1)).extracting(Hit::docid).containsExactly("volcano");
      assertThat(r.search("crust", 2)).extracting(Hit::docid).containsExactly("volcano", "bread");
    }
  }

  @Test
  void aQueryWithMoreTermsThanLuceneAllowsFailsThatExampleOnly() throws Exception {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < 1100; i++) {
      q.append('w').append(i).append(' ');
    }
    try (SystemUnderTest system = newSystem()) {
      SystemException e = catchThrowableOfType(SystemException.class,
          () -> system.call(invocation(Example.of("long", q.toString(), null))));
      assertThat(e.isTransient()).isFalse();
      assertThat(e.getMessage()).contains("example 'long'", "1100 distinct terms");
      Example good = examples().get(0);
      assertThat(system.call(invocation(good)).text()).isEqualTo(expectedOutput(good));
    }
  }

  @Test
  void badParametersNameTheField() throws Exception {
    TinyCorpus.write(dir);
    assertThat(fault(Json.object().put("corpus", "corpus.jsonl").put("b", 1.5)))
        .isEqualTo(dir.resolve("suite.yaml") + ":7: field 'systems.lexical.b': got 1.5 (a number from 0 to 1)");
    assertThat(fault(Json.object().put("corpus", "corpus.jsonl").put("analyzer", "englsh")))
        .contains("field 'systems.lexical.analyzer': got the string \"englsh\"", "did you mean 'english'?");
    assertThat(fault(Json.object().put("corpus", "missing.jsonl")))
        .contains("field 'systems.lexical.corpus': file not found: " + dir.resolve("missing.jsonl"));
    assertThat(fault(Json.object())).contains("field 'systems.lexical.corpus': missing");
    assertThat(fault(Json.object().put("corpus", "corpus.jsonl").put("top_k", 0)))
        .contains("field 'systems.lexical.top_k': got 0 (an integer from 1 to 100,000");
    assertThat(fault(Json.object().put("corpus", "corpus.jsonl").put("k2", 1)))
        .contains("field 'systems.lexical.k2': unknown parameter for adapter 'bm25'", "did you mean 'k1'?");
  }

  private String fault(ObjectNode params) {
    InputException e = catchThrowableOfType(InputException.class,
        () -> Plugins.installed().system(spec(params), dev.assay.testkit.Contexts.suite(dir.resolve("suite.yaml"))).close());
    assertThat(e).as("an InputException for %s", params).isNotNull();
    return e.render();
  }

  private static String top(Retriever r, String query) throws InterruptedException {
    List<Hit> hits = r.search(query, 1);
    assertThat(hits).as("hits for '%s'", query).isNotEmpty();
    return hits.get(0).docid();
  }
}
