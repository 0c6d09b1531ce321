package dev.assay.systems.retrieval;

import java.util.Objects;

/**
 * One document of a {@link Corpus}.
 *
 * @param id unique within its corpus, never empty
 * @param title the title, empty when the corpus gives none (never null)
 * @param text the body, never null
 */
public record CorpusDocument(String id, String title, String text) {
  public CorpusDocument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    title = title == null ? "" : title;
  }

  /** What retrievers index and embed: the title, a line break, then the text (or the text alone). */
  public String contents() {
    return title.isEmpty() ? text : title + "\n" + text;
  }
}
