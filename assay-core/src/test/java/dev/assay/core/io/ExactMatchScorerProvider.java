package dev.assay.core.io;

import dev.assay.core.Example;
import dev.assay.core.Output;
import dev.assay.core.Scorer;
import dev.assay.core.ScorerProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Test scorer {@code exact_match}: 1 when the output equals the text reference, else 0. */
public final class ExactMatchScorerProvider implements ScorerProvider {
  @Override
  public Set<String> names() {
    return Set.of("exact_match");
  }

  @Override
  public Optional<Scorer> create(String spec) {
    if (!spec.equals("exact_match")) {
      return Optional.empty();
    }
    return Optional.of(new Scorer() {
      @Override
      public List<String> names() {
        return List.of("exact_match");
      }

      @Override
      public Map<String, Double> score(Example example, Output output) {
        boolean match = example.reference() != null && example.reference().asText().equals(output.text());
        return Map.of("exact_match", match ? 1.0 : 0.0);
      }
    });
  }
}
