package dev.assay.metrics.retrieval;

import java.util.Arrays;

/**
 * The judgments of one topic: document id to integer grade.
 *
 * <p>Invariants: document ids are distinct; a negative grade means "in the pool but not judged"
 * (trec_eval's convention, used by infAP) and counts neither as relevant nor as non-relevant.
 * {@link #levels()} lists the distinct non-negative grades in increasing order with their counts
 * in {@link #counts()}. Immutable.
 */
public final class TopicJudgments {
  /** Grade reported by {@link #grade} for a document absent from the judgments. */
  public static final int NOT_IN_POOL = DocTable.ABSENT;

  private final DocTable grades;
  private final int[] levels;
  private final int[] counts;

  private TopicJudgments(DocTable grades, int[] levels, int[] counts) {
    this.grades = grades;
    this.levels = levels;
    this.counts = counts;
  }

  /** The grade of {@code docid}, or {@link #NOT_IN_POOL}. */
  public int grade(String docid) {
    return grades.get(docid);
  }

  /** {@link #grade(String)} given the id's precomputed {@code hashCode()}. */
  int grade(String docid, int hash) {
    return grades.get(docid, hash);
  }

  /** Every judgment, document id to grade, in no particular order. */
  public void forEach(java.util.function.ObjIntConsumer<String> each) {
    grades.forEach(each);
  }

  /** Number of judgment lines, negative grades included. */
  public int size() {
    return grades.size();
  }

  /** Distinct non-negative grades, increasing. */
  public int[] levels() {
    return levels.clone();
  }

  /** Count of documents at each grade of {@link #levels()}. */
  public int[] counts() {
    return counts.clone();
  }

  /** Number of judged documents with grade at least {@code level} (the relevant ones). */
  public int countAtLeast(int level) {
    int n = 0;
    for (int i = 0; i < levels.length; i++) {
      if (levels[i] >= level) {
        n += counts[i];
      }
    }
    return n;
  }

  /** Number of judged documents with {@code 0 <= grade < level} (the judged non-relevant ones). */
  public int countJudgedBelow(int level) {
    int n = 0;
    for (int i = 0; i < levels.length; i++) {
      if (levels[i] < level) {
        n += counts[i];
      }
    }
    return n;
  }

  int levelCount() {
    return levels.length;
  }

  int levelAt(int i) {
    return levels[i];
  }

  int countAt(int i) {
    return counts[i];
  }

  /** Collects the judgments of one topic. */
  static final class Builder {
    private final DocTable grades = new DocTable(64);
    private int[] seen = new int[16];
    private int numSeen;

    /** Adds a judgment; false when {@code docid} is already judged (nothing changes). */
    boolean add(String docid, int grade) {
      if (!grades.putIfAbsent(docid, grade)) {
        return false;
      }
      if (grade >= 0) {
        if (numSeen == seen.length) {
          seen = Arrays.copyOf(seen, numSeen * 2);
        }
        seen[numSeen++] = grade;
      }
      return true;
    }

    TopicJudgments build() {
      int[] sorted = Arrays.copyOf(seen, numSeen);
      Arrays.sort(sorted);
      int distinct = 0;
      for (int i = 0; i < sorted.length; i++) {
        if (i == 0 || sorted[i] != sorted[i - 1]) {
          distinct++;
        }
      }
      int[] levels = new int[distinct];
      int[] counts = new int[distinct];
      int k = -1;
      for (int i = 0; i < sorted.length; i++) {
        if (i == 0 || sorted[i] != sorted[i - 1]) {
          levels[++k] = sorted[i];
        }
        counts[k]++;
      }
      return new TopicJudgments(grades, levels, counts);
    }
  }
}
