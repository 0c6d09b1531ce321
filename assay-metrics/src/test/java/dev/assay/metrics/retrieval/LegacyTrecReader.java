package dev.assay.metrics.retrieval;

import dev.assay.core.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * The first, deliberately plain TREC readers ({@link BufferedReader#readLine}, a substring per
 * field, {@link Double#parseDouble} and {@link Integer#parseInt} on every value), kept as a slow
 * test oracle for the byte-level {@link TrecLines} behind {@link Run#read} and {@link Qrels#read}.
 */
final class LegacyTrecReader {
  private LegacyTrecReader() {}

  private interface Handler {
    void line(int number, String[] fields, int count);
  }

  static Run run(Reader reader, String file) {
    Run.Builder builder = Run.builder("");
    lines(reader, 6, (number, f, count) -> {
      if (count < 6) {
        throw new InputException(file, number, null,
            "run line has " + count + " field" + (count == 1 ? "" : "s"), "6 fields: qid Q0 docid rank score tag");
      }
      double score = score(file, f[4], number);
      if (!builder.add(f[0], f[2], score)) {
        throw new InputException(file, number, "docid",
            "document '" + f[2] + "' is retrieved twice for topic '" + f[0] + "'", "each document once per topic");
      }
      builder.runId(f[5]);
    });
    return builder.build();
  }

  static Qrels qrels(Reader reader, String file) {
    Qrels.Builder builder = Qrels.builder();
    lines(reader, 5, (number, f, count) -> {
      if (count != 4) {
        throw new InputException(file, number, null,
            "qrels line has " + count + " field" + (count == 1 ? "" : "s"), "4 fields: qid iter docid rel");
      }
      int grade;
      try {
        grade = Integer.parseInt(f[3]);
      } catch (NumberFormatException e) {
        throw new InputException(file, number, "rel", "relevance '" + f[3] + "' is not an integer",
            "an integer grade, negative for unjudged");
      }
      if (!builder.add(f[0], f[2], grade)) {
        throw new InputException(file, number, "docid",
            "document '" + f[2] + "' is judged twice for topic '" + f[0] + "'", "one judgment per topic and document");
      }
    });
    return builder.build();
  }

  private static double score(String file, String text, int number) {
    char last = text.charAt(text.length() - 1);
    boolean suffix = last == 'd' || last == 'D' || last == 'f' || last == 'F';
    try {
      double v = Double.parseDouble(text);
      if (!Double.isNaN(v) && !suffix) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InputException(file, number, "score", "score '" + text + "' is not a number",
        "a decimal number such as 12.5 or 1e-3");
  }

  private static void lines(Reader reader, int keep, Handler handler) {
    BufferedReader in = new BufferedReader(reader);
    String[] fields = new String[keep];
    int number = 0;
    try {
      for (String line; (line = in.readLine()) != null; ) {
        number++;
        int count = split(line, fields);
        if (count > 0 && fields[0].charAt(0) != '#') {
          handler.line(number, fields, count);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int split(String line, String[] fields) {
    int count = 0;
    int n = line.length();
    int i = 0;
    while (i < n) {
      while (i < n && isSpace(line.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int start = i;
      while (i < n && !isSpace(line.charAt(i))) {
        i++;
      }
      if (count < fields.length) {
        fields[count] = line.substring(start, i);
      }
      count++;
    }
    return count;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x0B;
  }
}
