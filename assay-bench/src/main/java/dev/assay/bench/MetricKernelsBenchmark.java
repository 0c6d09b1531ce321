package dev.assay.bench;

import dev.assay.core.OrderedParallel;
import dev.assay.metrics.classification.ClassificationData;
import dev.assay.metrics.classification.ClassificationEvaluation;
import dev.assay.metrics.classification.ClassificationRecord;
import dev.assay.metrics.retrieval.Qrels;
import dev.assay.metrics.retrieval.RetrievalEvaluation;
import dev.assay.metrics.retrieval.RetrievalOptions;
import dev.assay.metrics.retrieval.RetrievalResult;
import dev.assay.metrics.retrieval.Run;
import dev.assay.metrics.text.Bleu;
import dev.assay.metrics.text.Chrf;
import dev.assay.metrics.text.SufficientStatistics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Corpus-level metric kernels at the sizes of the Python/C reference timings in issue 3: F1 and
 * ROC AUC on 1,000,000 examples, trec_eval's official measures on 1,000 queries x 1,000 retrieved
 * documents, corpus BLEU and chrF on 100,000 sentence pairs.
 *
 * <p>All inputs are synthetic and seeded, built in per-kernel {@link State} classes so each fork
 * only builds what its benchmark needs. Where the reference also pays for indexing or parsing,
 * a second benchmark includes that cost: {@code *FromRecords} indexes string labels like
 * scikit-learn's {@code unique_labels}; {@code trecEvalFromFiles} reads qrels and run files
 * written in setup, as the {@code trec_eval} binary does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class MetricKernelsBenchmark {
  static final long SEED = 20261127L;
  static final int CLASSIFICATION_N = 1_000_000;
  static final int QUERIES = 1_000;
  static final int RETRIEVED = 1_000;
  static final int JUDGED = 50;
  static final int PAIRS = 100_000;

  /** 1,000,000 five-class predictions, about 80% correct. */
  @State(Scope.Benchmark)
  public static class Multiclass {
    List<ClassificationRecord> records;
    ClassificationData data;
    ClassificationEvaluation f1Macro;

    @Setup
    public void setUp() {
      SplittableRandom random = new SplittableRandom(SEED);
      String[] labels = {"c0", "c1", "c2", "c3", "c4"};
      records = new ArrayList<>(CLASSIFICATION_N);
      for (int i = 0; i < CLASSIFICATION_N; i++) {
        String truth = labels[random.nextInt(labels.length)];
        String predicted = random.nextDouble() < 0.8 ? truth : labels[random.nextInt(labels.length)];
        records.add(ClassificationRecord.of("e" + i, truth, predicted));
      }
      data = ClassificationData.of(records);
      f1Macro = ClassificationEvaluation.of(List.of("f1_macro"));
    }
  }

  /** 1,000,000 binary examples whose positive-class score is informative but noisy. */
  @State(Scope.Benchmark)
  public static class Binary {
    List<ClassificationRecord> records;
    ClassificationData data;
    ClassificationEvaluation rocAuc;

    @Setup
    public void setUp() {
      SplittableRandom random = new SplittableRandom(SEED + 1);
      records = new ArrayList<>(CLASSIFICATION_N);
      for (int i = 0; i < CLASSIFICATION_N; i++) {
        boolean positive = random.nextDouble() < 0.3;
        // Rounded to 1e-4 so, as with real classifiers, many scores tie.
        double raw = (positive ? 0.35 : 0) + 0.65 * random.nextDouble();
        double score = Math.round(raw * 10_000) / 10_000.0;
        String truth = positive ? "1" : "0";
        records.add(ClassificationRecord.withScore("e" + i, truth, score >= 0.5 ? "1" : "0", score));
      }
      data = ClassificationData.of(records);
      rocAuc = ClassificationEvaluation.of(List.of("roc_auc"));
    }
  }

  /**
   * 1,000 queries, each with 1,000 retrieved documents and 50 judgments (grades 0..2), 35 of
   * them on retrieved documents; held in memory and also written as TREC files.
   */
  @State(Scope.Benchmark)
  public static class Trec {
    Qrels qrels;
    Run run;
    Path qrelsFile;
    Path runFile;
    final RetrievalOptions options = RetrievalOptions.defaults();

    @Setup
    public void setUp() throws IOException {
      SplittableRandom random = new SplittableRandom(SEED + 2);
      qrelsFile = Files.createTempFile("assay-bench-", ".qrels");
      runFile = Files.createTempFile("assay-bench-", ".run");
      Qrels.Builder q = Qrels.builder();
      Run.Builder r = Run.builder("bench");
      try (BufferedWriter qw = Files.newBufferedWriter(qrelsFile, StandardCharsets.UTF_8);
          BufferedWriter rw = Files.newBufferedWriter(runFile, StandardCharsets.UTF_8)) {
        for (int t = 0; t < QUERIES; t++) {
          String topic = Integer.toString(301 + t);
          List<String> docs = distinctDocids(random, RETRIEVED + JUDGED);
          for (int i = 0; i < RETRIEVED; i++) {
            // Descending scores with a few ties, like BM25 rounded to four decimals.
            double score = Math.round((30.0 - i * 0.02 + random.nextDouble() * 0.5) * 10_000) / 10_000.0;
            r.add(topic, docs.get(i), score);
            rw.write(topic + " Q0 " + docs.get(i) + " " + (i + 1) + " " + score + " bench\n");
          }
          // 35 judged among the retrieved (biased to the top), 15 judged but not retrieved.
          Set<Integer> judgedRanks = new HashSet<>();
          while (judgedRanks.size() < 35) {
            judgedRanks.add((int) (RETRIEVED * Math.pow(random.nextDouble(), 2)));
          }
          List<String> judged = new ArrayList<>();
          for (int rank : judgedRanks) {
            judged.add(docs.get(rank));
          }
          judged.addAll(docs.subList(RETRIEVED, RETRIEVED + JUDGED - 35));
          for (String doc : judged) {
            int grade = random.nextInt(3);
            q.add(topic, doc, grade);
            qw.write(topic + " 0 " + doc + " " + grade + "\n");
          }
        }
      }
      qrels = q.build();
      run = r.build();
    }

    private static List<String> distinctDocids(SplittableRandom random, int count) {
      Set<String> seen = new HashSet<>();
      List<String> out = new ArrayList<>(count);
      while (out.size() < count) {
        String id = String.format("FBIS%d-%05d", 3 + random.nextInt(2), random.nextInt(100_000));
        if (seen.add(id)) {
          out.add(id);
        }
      }
      return out;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        Files.deleteIfExists(qrelsFile);
        Files.deleteIfExists(runFile);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * 100,000 (hypothesis, reference) pairs of about 20 words from a 5,000-word Zipf-like
   * vocabulary; each hypothesis keeps about 70% of its reference's words and ends in a period.
   */
  @State(Scope.Benchmark)
  public static class Corpus {
    String[] hypotheses;
    List<List<String>> references;
    final Bleu bleu = Bleu.defaults();
    // sacreBLEU's chrF defaults, as TextScorers builds "chrf".
    final Chrf chrf = new Chrf(6, 0, 2, false, true, false);

    @Setup
    public void setUp() {
      SplittableRandom random = new SplittableRandom(SEED + 3);
      String[] vocabulary = new String[5_000];
      for (int v = 0; v < vocabulary.length; v++) {
        StringBuilder w = new StringBuilder();
        int length = 2 + random.nextInt(9);
        for (int c = 0; c < length; c++) {
          w.append((char) ('a' + random.nextInt(26)));
        }
        vocabulary[v] = w.toString();
      }
      hypotheses = new String[PAIRS];
      references = new ArrayList<>(PAIRS);
      for (int p = 0; p < PAIRS; p++) {
        int words = 15 + random.nextInt(11);
        StringBuilder ref = new StringBuilder();
        StringBuilder hyp = new StringBuilder();
        for (int i = 0; i < words; i++) {
          String word = vocabulary[zipf(random, vocabulary.length)];
          String hypWord = random.nextDouble() < 0.7 ? word : vocabulary[zipf(random, vocabulary.length)];
          ref.append(i == 0 ? "" : " ").append(word);
          hyp.append(i == 0 ? "" : " ").append(hypWord);
        }
        references.add(List.of(ref.append('.').toString()));
        hypotheses[p] = hyp.append('.').toString();
      }
    }

    /** Rank in [0, n) with probability falling roughly as 1 / rank. */
    private static int zipf(SplittableRandom random, int n) {
      return (int) Math.min(n - 1, Math.floor(Math.exp(random.nextDouble() * Math.log(n + 1.0)) - 1));
    }

    double corpusScore(SufficientStatistics metric) {
      double[] sum = new double[metric.size()];
      for (int p = 0; p < hypotheses.length; p++) {
        double[] stats = metric.statistics(hypotheses[p], references.get(p));
        for (int i = 0; i < sum.length; i++) {
          sum[i] += stats[i];
        }
      }
      return metric.corpusScore(sum);
    }

    /** The same sum with the per-pair statistics computed on all cores, as {@code assay score text} does. */
    double corpusScoreAllCores(SufficientStatistics metric) {
      List<double[]> stats = OrderedParallel.map(hypotheses.length,
          p -> metric.statistics(hypotheses[p], references.get(p)));
      double[] sum = new double[metric.size()];
      for (double[] one : stats) {
        for (int i = 0; i < sum.length; i++) {
          sum[i] += one[i];
        }
      }
      return metric.corpusScore(sum);
    }
  }

  /** Macro F1 on already indexed labels (scikit-learn's figure includes label discovery). */
  @Benchmark
  public Map<String, Double> f1Macro(Multiclass s) {
    return s.f1Macro.evaluate(s.data);
  }

  /** Macro F1 including indexing 1M string labels: the fair comparison with scikit-learn. */
  @Benchmark
  public Map<String, Double> f1MacroFromRecords(Multiclass s) {
    return s.f1Macro.evaluate(ClassificationData.of(s.records));
  }

  @Benchmark
  public Map<String, Double> rocAuc(Binary s) {
    return s.rocAuc.evaluate(s.data);
  }

  @Benchmark
  public Map<String, Double> rocAucFromRecords(Binary s) {
    return s.rocAuc.evaluate(ClassificationData.of(s.records));
  }

  /** Official measures on a run and qrels already in memory (rankings sorted when built). */
  @Benchmark
  public RetrievalResult trecEvalInMemory(Trec s) {
    return RetrievalEvaluation.evaluate(s.qrels, s.run, s.options);
  }

  /** Read, sort and evaluate, as the trec_eval binary does from its two files. */
  @Benchmark
  public RetrievalResult trecEvalFromFiles(Trec s) {
    return RetrievalEvaluation.evaluate(Qrels.read(s.qrelsFile), Run.read(s.runFile), s.options);
  }

  /** sacreBLEU-default corpus BLEU (13a tokenizer, exp smoothing) over 100,000 pairs. */
  @Benchmark
  public double corpusBleu(Corpus s) {
    return s.corpusScore(s.bleu);
  }

  /** sacreBLEU-default corpus chrF (char order 6, beta 2) over 100,000 pairs. */
  @Benchmark
  public double corpusChrf(Corpus s) {
    return s.corpusScore(s.chrf);
  }

  /** {@link #corpusBleu} with the sentence statistics computed on both cores. */
  @Benchmark
  public double corpusBleuAllCores(Corpus s) {
    return s.corpusScoreAllCores(s.bleu);
  }

  /** {@link #corpusChrf} with the sentence statistics computed on both cores. */
  @Benchmark
  public double corpusChrfAllCores(Corpus s) {
    return s.corpusScoreAllCores(s.chrf);
  }
}
