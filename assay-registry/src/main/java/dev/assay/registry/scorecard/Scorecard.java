package dev.assay.registry.scorecard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import java.time.Instant;
import java.util.List;

/**
 * The research KPI scorecard (docs/scorecard.md): figures in sections, each with its definition
 * and source ids, computed from the store for a window and optionally one model.
 *
 * @param generatedAt when it was computed
 * @param since the window's start
 * @param until the window's end
 * @param model the model it is restricted to, or null for every model
 * @param sections in a fixed order
 */
public record Scorecard(Instant generatedAt, Instant since, Instant until, String model, List<Section> sections) {
  public Scorecard {
    sections = List.copyOf(sections);
  }

  /** A titled group of figures; {@code title} is assay's own text, never user content. */
  public record Section(String title, List<Figure> figures) {
    public Section {
      figures = List.copyOf(figures);
    }
  }

  /** Every figure with this id, in section order. */
  public List<Figure> figures(String id) {
    return sections.stream().flatMap(s -> s.figures().stream()).filter(f -> f.id().equals(id)).toList();
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("generated_at", generatedAt.toString());
    o.put("since", since.toString());
    o.put("until", until.toString());
    o.put("model", model);
    ArrayNode a = o.putArray("sections");
    for (Section s : sections) {
      ObjectNode so = a.addObject();
      so.put("title", s.title());
      ArrayNode f = so.putArray("figures");
      s.figures().forEach(x -> f.add(x.toJson()));
    }
    return o;
  }
}
