package dev.assay.systems.retrieval;

import dev.assay.core.Example;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The eight-document corpus of {@code retrieval/tiny-corpus.jsonl} and queries over it. */
final class TinyCorpus {
  /** Queries whose best documents are obvious: each names its subject. */
  static final List<String> QUERIES = List.of(
      "sourdough starter", "bicycle chain oil", "why do tides happen", "brewing green tea",
      "lava and magma", "baking bread with steam", "rye bread", "cats purr");

  private TinyCorpus() {}

  /** Copies the corpus into {@code dir} (so suites can name it by a relative path) and returns the file. */
  static Path write(Path dir) throws IOException {
    Path file = dir.resolve("corpus.jsonl");
    try (InputStream in = TinyCorpus.class.getResourceAsStream("/retrieval/tiny-corpus.jsonl")) {
      Files.copy(in, file);
    }
    return file;
  }

  static Corpus load(Path dir) throws IOException {
    return Corpus.load(write(dir));
  }

  /**
   * Conformance examples: the queries, plus inputs with quotes, backslashes, query-parser syntax,
   * non-ASCII text, only stop words, and nothing at all.
   */
  static List<Example> examples() {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < QUERIES.size(); i++) {
      out.add(Example.of("q" + i, QUERIES.get(i), null));
    }
    out.add(Example.of("syntax", "bread AND (rye OR \"sour\") title:cats back\\slash * ? ~2 ^3", null));
    out.add(Example.of("unicode", "naïve café, 東京, emoji \uD83D\uDE80 bread", null));
    out.add(Example.of("stopwords", "the and of it", null));
    out.add(Example.of("empty", "", null));
    return List.copyOf(out);
  }
}
