package dev.assay.metrics.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.assay.core.InputException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte-level readers ({@link Run#read}, {@link Qrels#read} and their {@code parse} forms)
 * against {@link LegacyTrecReader} on seeded random files: every score spelling Java and
 * trec_eval accept or refuse, unicode and {@code #} in ids, all C whitespace as separators, the
 * three line terminators, comments, blank lines, extra and missing fields, duplicates. Both must
 * give the same rankings (scores bit for bit) and judgments, or the same error.
 */
class TrecReadersOracleTest {
  private static final long SEED = 20261129L;
  private static final String[] TOPICS = {"301", "302", "3", "q\u00e9", "10", "t#1"};
  private static final String[] DOCS = {"d1", "d2", "D2", "doc#4_1", "d\u00e9j\u00e0", "\uD83D\uDE00", "\uFF5E",
      "FBIS3-10", "FBIS3-9", "a", "b", "c"};
  private static final String[] SCORES = {"1", "1.5", "-0.0", "0.0", "0", "1e-3", "2E5", ".5", "5.", "+3", "-7.25",
      "123456789012345", "1234567890123456789", "0.1000000000000000055511151231257827", "3.14159265358979",
      "Infinity", "-Infinity", "0x1p3", "12.345678", "-0", "00012.5000"};
  private static final String[] BAD_SCORES = {"NaN", "1.5f", "2d", "x", ".", "-", "1.2.3", "1e"};
  private static final String[] SEPARATORS = {" ", " ", " ", "\t", "  ", "\f", "\u000b", " \t "};
  private static final String[] TERMINATORS = {"\n", "\n", "\n", "\r\n", "\r"};

  private static String pick(SplittableRandom random, String[] options) {
    return options[random.nextInt(options.length)];
  }

  private static String line(SplittableRandom random, String... fields) {
    StringBuilder s = new StringBuilder(random.nextInt(10) == 0 ? pick(random, SEPARATORS) : "");
    for (int i = 0; i < fields.length; i++) {
      s.append(i == 0 ? "" : pick(random, SEPARATORS)).append(fields[i]);
    }
    return s.toString();
  }

  private static String runText(SplittableRandom random, boolean withErrors) {
    StringBuilder text = new StringBuilder();
    int lines = random.nextInt(1, 60);
    for (int i = 0; i < lines; i++) {
      int kind = random.nextInt(40);
      String score = withErrors && kind == 0 ? pick(random, BAD_SCORES) : pick(random, SCORES);
      if (kind == 1) {
        text.append("# a comment ").append(pick(random, DOCS));
      } else if (kind == 2) {
        text.append(random.nextBoolean() ? "" : pick(random, SEPARATORS));
      } else if (withErrors && kind == 3) {
        text.append(line(random, pick(random, TOPICS), "Q0", pick(random, DOCS), "1", score));
      } else {
        List<String> f = new ArrayList<>(List.of(pick(random, TOPICS), "Q0", pick(random, DOCS),
            Integer.toString(i), score, random.nextBoolean() ? "tagA" : "t\u00e4g"));
        if (kind == 4) {
          f.add("extra");
        }
        text.append(line(random, f.toArray(new String[0])));
      }
      text.append(pick(random, TERMINATORS));
    }
    return random.nextInt(5) == 0 ? text.toString().stripTrailing() : text.toString();
  }

  private static String qrelsText(SplittableRandom random, boolean withErrors) {
    StringBuilder text = new StringBuilder();
    int lines = random.nextInt(1, 60);
    String[] grades = {"0", "1", "2", "-1", "+2", "-0", "007", "12"};
    for (int i = 0; i < lines; i++) {
      int kind = random.nextInt(40);
      if (kind == 1) {
        text.append("  # judged by ").append(pick(random, DOCS));
      } else if (kind == 2) {
        text.append("");
      } else if (withErrors && kind == 3) {
        text.append(line(random, pick(random, TOPICS), "0", pick(random, DOCS)));
      } else {
        String grade = withErrors && kind == 0 ? pick(random, new String[] {"yes", "1.0", "99999999999", ""})
            : pick(random, grades);
        text.append(line(random, pick(random, TOPICS), "0", pick(random, DOCS), grade).stripTrailing());
      }
      text.append(pick(random, TERMINATORS));
    }
    return text.toString();
  }

  private static String describe(Run run) {
    StringBuilder s = new StringBuilder("runid=" + run.runId() + "\n");
    for (String t : run.topics()) {
      Ranking r = run.topic(t);
      s.append(t).append(':');
      for (int i = 0; i < r.size(); i++) {
        s.append(' ').append(r.docid(i)).append('=').append(Double.doubleToRawLongBits(r.score(i)));
      }
      s.append('\n');
    }
    return s.toString();
  }

  private static String describe(Qrels qrels) {
    StringBuilder s = new StringBuilder();
    for (String t : qrels.topics()) {
      TopicJudgments j = qrels.topic(t);
      s.append(t).append(": n=").append(j.size()).append(' ');
      for (String d : DOCS) {
        s.append(d).append('=').append(j.grade(d)).append(' ');
      }
      s.append(java.util.Arrays.toString(j.levels())).append(java.util.Arrays.toString(j.counts())).append('\n');
    }
    return s.toString();
  }

  /** The outcome of a parse: a description of the result, or of the input error. */
  private static String outcome(java.util.function.Supplier<String> parse) {
    Throwable t = catchThrowable(parse::get);
    if (t == null) {
      return parse.get();
    }
    assertThat(t).isInstanceOf(InputException.class);
    InputException e = (InputException) t;
    return "error line " + e.line() + " field " + e.field() + ": " + e.render();
  }

  @Test
  void runsReadAsTheLegacyReaderReadsThem(@TempDir Path dir) throws IOException {
    SplittableRandom random = new SplittableRandom(SEED);
    Path file = dir.resolve("r.txt");
    for (int i = 0; i < 600; i++) {
      String text = runText(random, i % 2 == 1);
      Files.writeString(file, text, StandardCharsets.UTF_8);
      String expected = outcome(() -> describe(LegacyTrecReader.run(new StringReader(text), file.toString())));
      assertThat(outcome(() -> describe(Run.read(file)))).as("seed %d case %d:%n%s", SEED, i, text)
          .isEqualTo(expected);
      assertThat(outcome(() -> describe(Run.parse(new StringReader(text), file.toString()))))
          .as("seed %d case %d (reader):%n%s", SEED, i, text).isEqualTo(expected);
    }
  }

  @Test
  void qrelsReadAsTheLegacyReaderReadsThem(@TempDir Path dir) throws IOException {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    Path file = dir.resolve("q.txt");
    for (int i = 0; i < 600; i++) {
      String text = qrelsText(random, i % 2 == 1);
      Files.writeString(file, text, StandardCharsets.UTF_8);
      String expected = outcome(() -> describe(LegacyTrecReader.qrels(new StringReader(text), file.toString())));
      assertThat(outcome(() -> describe(Qrels.read(file)))).as("seed %d case %d:%n%s", SEED + 1, i, text)
          .isEqualTo(expected);
    }
  }

  @Test
  void longLinesAndBuffersEndingInsideATerminatorAreRead(@TempDir Path dir) throws IOException {
    // Lines around the 64 KiB read size, so a \r\n straddles a buffer boundary somewhere.
    SplittableRandom random = new SplittableRandom(SEED + 2);
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 600_000; i++) {
      String doc = "d" + i + "x".repeat(random.nextInt(0, 3) == 0 ? random.nextInt(60_000, 140_000) : random.nextInt(5));
      text.append("7 Q0 ").append(doc).append(" 1 ").append(random.nextInt(1000)).append(" t")
          .append(pick(random, TERMINATORS));
    }
    Path file = dir.resolve("long.run");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    assertThat(describe(Run.read(file))).as("seed %d", SEED + 2)
        .isEqualTo(describe(LegacyTrecReader.run(new StringReader(text.toString()), file.toString())));
  }

  @Test
  void invalidUtf8NamesTheExactLine(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.run");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      lines.append("1 Q0 a").append(i).append(" 1 1 t\n");
    }
    byte[] head = lines.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] tail = {'1', ' ', 'Q', '0', ' ', (byte) 0xC3, ' ', '2', ' ', '1', ' ', 't', '\n'};
    byte[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    Files.write(bad, all);
    assertThatThrownBy(() -> Run.read(bad)).isInstanceOfSatisfying(InputException.class, e -> {
      assertThat(e.line()).isEqualTo(5001);
      assertThat(e.render()).contains("invalid UTF-8");
    });
  }
}
