package dev.assay.systems.retrieval;

import dev.assay.core.PluginContext;
import dev.assay.core.SystemProvider;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import java.util.Set;

/**
 * Adapter type {@code dense}: a {@link DenseRetriever} with all-MiniLM-L6-v2 over parameter {@code
 * corpus} (required, relative to the suite's folder), with {@code top_k} (default 100) and {@code
 * cache_dir} for corpus embeddings (relative to the suite's folder; default {@code
 * .assay/embeddings} in the working directory, beside the CLI's store).
 */
public final class DenseSystemProvider implements SystemProvider {
  @Override
  public String type() {
    return "dense";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("corpus", "top_k", "cache_dir");
  }

  @Override
  public SystemUnderTest create(SystemSpec spec, PluginContext context) {
    RetrievalParams p = new RetrievalParams(spec, context);
    int topK = RetrieverFactory.topK(p);
    Corpus corpus = p.corpus();
    return new RetrieverSystem(type(), RetrieverFactory.dense(p, corpus), topK, corpus.hash());
  }
}
