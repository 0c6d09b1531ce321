package dev.assay.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomNode;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * {@link MarkdownText#inline} checked by a GFM renderer (commonmark-java with tables,
 * strikethrough and autolinks) as the oracle: whatever the text, it renders as literally that text
 * — plain text and code spans only, inside one paragraph or one table cell — and ordinary prose is
 * left unescaped in the source.
 */
class MarkdownTextTest {
  private static final List<Extension> GFM =
      List.of(TablesExtension.create(), StrikethroughExtension.create(), AutolinkExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(GFM).build();

  @Property(tries = 2000, seed = "20261128")
  void anyTextRendersAsItselfInAParagraph(@ForAll("markdownish") String text) {
    Node doc = PARSER.parse(MarkdownText.inline(text) + "\n");
    if (expected(text).isEmpty()) {
      assertThat(doc.getFirstChild()).as("blank text renders nothing").isNull();
      return;
    }
    assertThat(doc.getFirstChild()).as("one paragraph for %s", show(text)).isInstanceOf(Paragraph.class);
    assertThat(doc.getFirstChild().getNext()).as("nothing after the paragraph for %s", show(text)).isNull();
    assertThat(literal(doc.getFirstChild(), text)).isEqualTo(expected(text));
  }

  @Property(tries = 2000, seed = "20261128")
  void anyTextRendersAsItselfInATableCell(@ForAll("markdownish") String text) {
    String table = "| a | b |\n|---|---|\n| " + MarkdownText.inline(text) + " | x |\n";
    List<TableCell> cells = new ArrayList<>();
    PARSER.parse(table).accept(new AbstractVisitor() {
      @Override
      public void visit(CustomNode node) {
        if (node instanceof TableCell cell) {
          cells.add(cell);
        }
        visitChildren(node);
      }
    });
    assertThat(cells).as("two header and two body cells for %s", show(text)).hasSize(4);
    assertThat(literal(cells.get(2), text)).isEqualTo(expected(text).strip());
    assertThat(literal(cells.get(3), text)).isEqualTo("x");
  }

  @Example
  void payloadsStayText() {
    for (String payload : List.of("<script>alert(1)</script>", "[click](https://evil.example)",
        "![x](https://evil.example/p.png)", "**bold** _it_ ~~gone~~", "# Heading", "- item", "1. first",
        "> quote", "    indented", "`code`", "https://evil.example/?a=1", "www.evil.example", "ping @octocat",
        "see #123", "mail a@b.example", "$x^2$", "a | b", "&amp; &#60; &lt;", "---", "===", "1) one")) {
      Node doc = PARSER.parse(MarkdownText.inline(payload) + "\n");
      assertThat(literal(doc.getFirstChild(), payload)).isEqualTo(expected(payload));
    }
  }

  @Example
  void ordinaryProseIsNotEscaped() {
    String prose = "Model card: bm25 (k1=0.9, b=0.4) scored 0.6951 on 134 queries; recall@10 was higher.";
    assertThat(MarkdownText.inline(prose)).isEqualTo(prose.replace("recall@10", "`recall@10`"));
    assertThat(MarkdownText.inline("Is it 3.5? Yes - mostly!")).isEqualTo("Is it 3.5? Yes - mostly!");
    assertThat(MarkdownText.inline("0.05 margin on exact_match")).isEqualTo("0.05 margin on exact_match");
    assertThat(MarkdownText.inline("1. first _not_ emphasis")).isEqualTo("1\\. first \\_not\\_ emphasis");
  }

  @Provide
  Arbitrary<String> markdownish() {
    Arbitrary<String> pieces = Arbitraries.oneOf(
        Arbitraries.of("*", "**", "_", "__", "`", "```", "~", "~~", "[", "]", "(", ")", "!", "<", ">", "&", "#",
            "|", "\\", "-", "+", "=", "1.", "2)", ":", "@", "$", "www.", "http://", "https://x.example/a_b",
            "&amp;", "&#x3C;", "<a href=x>", "</div>", "<!--", "-->", " ", "  ", "    ", "\n", "\t", "\r\n",
            "é", "🙂", "a", "word", "x.y", "@bot", "#12", "mailto:", "ftp://"),
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(3));
    return pieces.list().ofMaxSize(12).map(list -> String.join("", list));
  }

  /** The text a reader sees: plain text and code spans in order, line breaks as spaces. */
  private static String literal(Node node, String input) {
    StringBuilder sb = new StringBuilder();
    node.accept(new AbstractVisitor() {
      @Override
      public void visit(Text text) {
        sb.append(text.getLiteral());
      }

      @Override
      public void visit(Code code) {
        sb.append(code.getLiteral());
      }

      @Override
      public void visit(SoftLineBreak b) {
        throw new AssertionError("line break from " + show(input));
      }

      @Override
      public void visit(HardLineBreak b) {
        throw new AssertionError("line break from " + show(input));
      }

      @Override
      protected void visitChildren(Node parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
          boolean allowed = n instanceof Text || n instanceof Code || n instanceof SoftLineBreak
              || n instanceof HardLineBreak;
          if (!allowed) {
            throw new AssertionError(n.getClass().getSimpleName() + " rendered from " + show(input) + " written as "
                + show(MarkdownText.inline(input)));
          }
          n.accept(this);
        }
      }
    });
    return sb.toString();
  }

  /** What the text should read as: one line, without leading spaces (and trailing ones are dropped). */
  private static String expected(String text) {
    return SafeText.clean(text).replace('\n', ' ').replace('\r', ' ').replace('\t', ' ').strip();
  }

  private static String show(String s) {
    return "\"" + s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "\"";
  }
}
