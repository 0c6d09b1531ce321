package dev.assay.report;

import dev.assay.core.text.MarkdownText;
import java.util.ArrayList;
import java.util.List;

/**
 * A model card as format-neutral content, rendered to Markdown and HTML by the same code path so the
 * two files always say the same. All text in it is untrusted until a renderer escapes it.
 */
public final class CardDocument {
  /** A block of a section. */
  public sealed interface Block permits Paragraph, Bullets, Table {}

  public record Paragraph(String text) implements Block {}

  public record Bullets(List<String> items) implements Block {}

  /** A table; {@code cssClass} (assay's own, or null) styles it in HTML, e.g. {@code lineage} wraps long ids. */
  public record Table(List<String> headers, List<List<String>> rows, String cssClass) implements Block {
    public Table(List<String> headers, List<List<String>> rows) {
      this(headers, rows, null);
    }
  }

  /** A section; {@code title} is trusted text chosen by assay, never user or model content. */
  public record Section(String title, List<Block> blocks) {}

  private final String title;
  private final List<Section> sections = new ArrayList<>();

  public CardDocument(String title) {
    this.title = title;
  }

  public CardDocument section(String title, List<Block> blocks) {
    sections.add(new Section(title, List.copyOf(blocks)));
    return this;
  }

  public String title() {
    return title;
  }

  public List<Section> sections() {
    return List.copyOf(sections);
  }

  /** Markdown: text escaped with {@link MarkdownText}, so no model or dataset text renders as HTML. */
  public String markdown() {
    StringBuilder b = new StringBuilder("# ").append(MarkdownText.inline(title)).append("\n\n");
    for (Section s : sections) {
      b.append("## ").append(s.title()).append("\n\n"); // section titles are assay's own constants
      for (Block block : s.blocks()) {
        if (block instanceof Paragraph p) {
          b.append(MarkdownText.inline(p.text())).append("\n\n");
        } else if (block instanceof Bullets l) {
          l.items().forEach(i -> b.append("- ").append(MarkdownText.inline(i)).append('\n'));
          b.append('\n');
        } else if (block instanceof Table t) {
          b.append('|');
          t.headers().forEach(h -> b.append(' ').append(MarkdownText.inline(h)).append(" |"));
          b.append("\n|").append("---|".repeat(t.headers().size())).append('\n');
          for (List<String> row : t.rows()) {
            b.append('|');
            row.forEach(c -> b.append(' ').append(MarkdownText.inline(c)).append(" |"));
            b.append('\n');
          }
          b.append('\n');
        }
      }
    }
    return b.toString();
  }

  /** One self-contained HTML page (no script). */
  public String html() {
    return HtmlPage.render(title, body(), null);
  }

  /**
   * The sections as HTML without the page frame (no title, style or script), every text escaped:
   * for embedding in a page of its own, such as the server's.
   */
  public String body() {
    StringBuilder b = new StringBuilder();
    for (Section s : sections) {
      b.append("<h2>").append(Html.text(s.title())).append("</h2>\n");
      for (Block block : s.blocks()) {
        if (block instanceof Paragraph p) {
          b.append("<p>").append(Html.text(p.text())).append("</p>\n");
        } else if (block instanceof Bullets l) {
          b.append("<ul>");
          l.items().forEach(i -> b.append("<li>").append(Html.text(i)).append("</li>"));
          b.append("</ul>\n");
        } else if (block instanceof Table t) {
          HtmlTable table = new HtmlTable(t.cssClass(), t.headers().toArray(String[]::new));
          t.rows().forEach(r -> table.row(r.toArray(String[]::new)));
          b.append(table.html());
        }
      }
    }
    return b.toString();
  }
}
