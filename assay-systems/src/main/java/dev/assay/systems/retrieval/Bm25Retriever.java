package dev.assay.systems.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * BM25 over an in-memory Lucene index of a {@link Corpus} (title and text in one field).
 *
 * <p>The query is analysed with the index's analyzer into a bag of words: one SHOULD clause per
 * distinct term, boosted by the term's count in the query (so a repeated query term weighs more,
 * as in Anserini's bag-of-words queries). No query syntax is parsed: quotes, colons and
 * backslashes in a query are plain text. Scores are Lucene 9's BM25 (idf {@code ln(1 + (N - n +
 * 0.5) / (n + 0.5))}, term weight {@code tf / (tf + k1 (1 - b + b dl / avgdl))}, no {@code k1 +
 * 1} factor) with Lucene's lossy one-byte document length norms.
 *
 * <p>Thread-safe: the searcher is shared and read-only; the analyzer's token streams are per
 * thread.
 */
public final class Bm25Retriever implements Retriever {
  private static final String FIELD = "contents";
  private static final String ID = "id";

  private final Analyzer analyzer;
  private final ByteBuffersDirectory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final String[] docids;

  /**
   * Indexes {@code corpus}.
   *
   * @param k1 term-frequency saturation, finite and non-negative
   * @param b length normalisation, in [0, 1]
   */
  public Bm25Retriever(Corpus corpus, double k1, double b, TextAnalysis analysis) {
    BM25Similarity similarity = new BM25Similarity((float) k1, (float) b);
    this.analyzer = analysis.newAnalyzer();
    this.directory = new ByteBuffersDirectory();
    try {
      IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(similarity);
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        for (CorpusDocument d : corpus.documents()) {
          Document doc = new Document();
          doc.add(new StoredField(ID, d.id()));
          doc.add(new TextField(FIELD, d.contents(), Field.Store.NO));
          writer.addDocument(doc);
        }
        // One segment: Lucene doc ids then equal corpus positions, and scoring sees one index.
        writer.forceMerge(1);
      }
      this.reader = DirectoryReader.open(directory);
      this.searcher = new IndexSearcher(reader);
      searcher.setSimilarity(similarity);
      this.docids = new String[reader.maxDoc()];
      StoredFields stored = reader.storedFields();
      for (int i = 0; i < docids.length; i++) {
        docids[i] = stored.document(i).get(ID);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the in-memory BM25 index", e);
    }
  }

  @Override
  public List<Hit> search(String query, int k) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    Query q = toQuery(query);
    if (q == null) {
      return List.of();
    }
    ScoreDoc[] top = topDocs(q, k);
    List<Hit> hits = new ArrayList<>(top.length);
    for (ScoreDoc sd : top) {
      hits.add(new Hit(docids[sd.doc], sd.score));
    }
    hits.sort(Hits.TREC_ORDER);
    return hits.size() > k ? List.copyOf(hits.subList(0, k)) : hits;
  }

  /**
   * At least the top {@code k} documents, and every document tied with the k-th: Lucene breaks
   * ties by index order, so without the whole tie group the docid-descending order could not be
   * applied at the cut-off.
   */
  private ScoreDoc[] topDocs(Query q, int k) {
    try {
      int n = k;
      while (true) {
        ScoreDoc[] top = searcher.search(q, n).scoreDocs;
        if (top.length < n || top[n - 1].score < top[k - 1].score || n >= docids.length) {
          return top;
        }
        n = (int) Math.min((long) n * 2, docids.length);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("searching the in-memory BM25 index failed", e);
    }
  }

  /**
   * The bag-of-words query, or null when the query has no indexable term.
   *
   * @throws IllegalArgumentException when the query has more distinct terms than Lucene's clause limit
   */
  Query toQuery(String query) {
    Map<String, Integer> counts = terms(query);
    if (counts.isEmpty()) {
      return null;
    }
    if (counts.size() > IndexSearcher.getMaxClauseCount()) {
      throw new IllegalArgumentException("the query has " + counts.size() + " distinct terms; BM25 queries take at most "
          + IndexSearcher.getMaxClauseCount());
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      Query tq = new TermQuery(new Term(FIELD, e.getKey()));
      b.add(e.getValue() == 1 ? tq : new BoostQuery(tq, e.getValue()), BooleanClause.Occur.SHOULD);
    }
    return b.build();
  }

  /** The analysed terms of {@code text} with their counts, in first-occurrence order. */
  Map<String, Integer> terms(String text) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    try (TokenStream ts = analyzer.tokenStream(FIELD, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        counts.merge(term.toString(), 1, Integer::sum);
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysing a query failed", e);
    }
    return counts;
  }

  @Override
  public void close() {
    try {
      reader.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      analyzer.close();
    }
  }
}
