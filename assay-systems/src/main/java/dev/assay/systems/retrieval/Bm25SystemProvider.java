package dev.assay.systems.retrieval;

import dev.assay.core.PluginContext;
import dev.assay.core.SystemProvider;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import java.util.Set;

/**
 * Adapter type {@code bm25}: a {@link Bm25Retriever} over parameter {@code corpus} (required,
 * relative to the suite's folder), with {@code k1} (default 1.2), {@code b} (default 0.75), {@code
 * analyzer} ({@code english}, the default, or {@code standard}) and {@code top_k} (default 100).
 */
public final class Bm25SystemProvider implements SystemProvider {
  @Override
  public String type() {
    return "bm25";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("corpus", "top_k", "k1", "b", "analyzer");
  }

  @Override
  public SystemUnderTest create(SystemSpec spec, PluginContext context) {
    RetrievalParams p = new RetrievalParams(spec, context);
    int topK = RetrieverFactory.topK(p);
    Corpus corpus = p.corpus();
    return new RetrieverSystem(type(), RetrieverFactory.bm25(p, corpus), topK, corpus.hash());
  }
}
