package dev.assay.report;

import dev.assay.core.text.HumanTime;
import dev.assay.registry.scorecard.Figure;
import dev.assay.registry.scorecard.Scorecard;
import java.util.ArrayList;
import java.util.List;

/**
 * The scorecard as text, Markdown and HTML (docs/scorecard.md). Markdown and HTML come from one
 * {@link CardDocument}, so they say the same; every label, note and source is escaped by the
 * renderer (names of suites, systems and models are user content). The text form is for a
 * terminal: callers escape it there.
 */
public final class ScorecardReport {
  /** How many source ids a table cell lists before summarising; JSON lists them all. */
  static final int SOURCES_SHOWN = 6;

  private final Scorecard card;

  public ScorecardReport(Scorecard card) {
    this.card = card;
  }

  /** The value as people read it: shares as percentages, lifts signed, units after. */
  static String value(Figure f) {
    if (!f.hasValue()) {
      return "–";
    }
    return switch (f.unit()) {
      case "share" -> Format.num(100 * f.value()) + "%";
      case "moves" -> Format.count(f.value()) + (f.value() == 1 ? " move" : " moves");
      case "ms", "hours", "per week" -> Format.count(f.value()) + " " + f.unit();
      default -> f.id().equals("lift") ? Format.signed(f.value()) : Format.num(f.value());
    };
  }

  /** The interval ({@code [lo, hi]}) or upper bound ({@code ≤ hi}), or "–". */
  static String interval(Figure f) {
    boolean share = f.unit().equals("share");
    if (Double.isFinite(f.lower()) && Double.isFinite(f.upper())) {
      return "[" + scaled(f.lower(), share) + ", " + scaled(f.upper(), share) + "]";
    }
    if (Double.isFinite(f.upper())) {
      return "≤ " + scaled(f.upper(), share) + " (95% upper bound)";
    }
    return "–";
  }

  private static String scaled(double v, boolean share) {
    return share ? Format.num(100 * v) + "%" : Format.signed(v);
  }

  static String sources(Figure f) {
    if (f.sources().isEmpty()) {
      return "–";
    }
    List<String> shown = f.sources().subList(0, Math.min(SOURCES_SHOWN, f.sources().size()));
    return String.join(", ", shown) + (f.sources().size() > SOURCES_SHOWN ? ", ... (" + f.sources().size()
        + " in all; --format json lists every id)" : "");
  }

  public CardDocument document() {
    String scope = card.model() == null ? "every model" : "model " + card.model();
    CardDocument doc = new CardDocument("Research scorecard: " + scope);
    doc.section("Window", List.of(new CardDocument.Paragraph("From " + HumanTime.of(card.since()) + " to "
        + HumanTime.of(card.until()) + "; computed " + HumanTime.of(card.generatedAt()) + " from the assay store. Each figure states its definition and the "
        + "ids it was computed from.")));
    for (Scorecard.Section s : card.sections()) {
      List<List<String>> rows = new ArrayList<>();
      for (Figure f : s.figures()) {
        rows.add(List.of(f.label(), value(f), interval(f), f.definition(), sources(f),
            f.note() == null ? "" : f.note()));
      }
      doc.section(s.title(), List.of(new CardDocument.Table(List.of("figure", "value", "interval", "definition",
          "sources", "note"), rows)));
    }
    return doc;
  }

  public String markdown() {
    return document().markdown();
  }

  public String html() {
    return document().html();
  }

  /** The HTML sections without the page frame, for embedding (the server's scorecard page). */
  public String htmlBody() {
    return document().body();
  }

  /** Plain text for a terminal (not escaped: the caller escapes it). */
  public String text() {
    StringBuilder b = new StringBuilder();
    b.append("scorecard: ").append(card.model() == null ? "every model" : "model " + card.model()).append(", ")
        .append(HumanTime.of(card.since())).append(" to ").append(HumanTime.of(card.until())).append('\n');
    for (Scorecard.Section s : card.sections()) {
      b.append('\n').append(s.title()).append('\n');
      for (Figure f : s.figures()) {
        b.append("  ").append(f.label()).append(": ").append(value(f));
        String i = interval(f);
        if (!i.equals("–")) {
          b.append(' ').append(i);
        }
        if (f.note() != null) {
          b.append("  (").append(f.note()).append(')');
        }
        b.append('\n');
        b.append("    ").append(f.definition()).append('\n');
        if (!f.sources().isEmpty()) {
          b.append("    sources: ").append(sources(f)).append('\n');
        }
      }
    }
    return b.toString();
  }
}
