package dev.assay.systems.retrieval;

import dev.assay.core.PluginContext;
import dev.assay.core.SystemProvider;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import java.util.Set;

/**
 * Adapter type {@code hybrid}: a {@link HybridRetriever} fusing BM25 and dense retrieval over
 * parameter {@code corpus}. Parameters: {@code top_k} (default 100); {@code depth}, how many
 * documents each part contributes (default 100, at least {@code top_k}); {@code fusion}: {@code
 * rrf} (default) with {@code rrf_k} (default 60), or {@code weighted} with {@code weight}, the dense
 * share in [0, 1] (default 0.5); and the parts' own parameters as objects {@code bm25: {k1, b,
 * analyzer}} and {@code dense: {cache_dir}}, with the stand-alone systems' defaults.
 */
public final class HybridSystemProvider implements SystemProvider {
  @Override
  public String type() {
    return "hybrid";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("corpus", "top_k", "depth", "fusion", "rrf_k", "weight", "bm25", "dense");
  }

  @Override
  public SystemUnderTest create(SystemSpec spec, PluginContext context) {
    RetrievalParams p = new RetrievalParams(spec, context);
    int topK = RetrieverFactory.topK(p);
    int depth = p.documents("depth", 100, "documents taken from each part (default 100)");
    Fusion fusion = fusion(p);
    RetrievalParams bm25 = p.nested("bm25", RetrieverFactory.BM25_PARAMS);
    RetrievalParams dense = p.nested("dense", RetrieverFactory.DENSE_PARAMS);
    Corpus corpus = p.corpus();
    Bm25Retriever lexical = RetrieverFactory.bm25(bm25, corpus);
    try {
      return new RetrieverSystem(type(), new HybridRetriever(lexical, RetrieverFactory.dense(dense, corpus), fusion,
          Math.max(depth, topK)), topK, corpus.hash());
    } catch (RuntimeException e) {
      lexical.close();
      throw e;
    }
  }

  private static Fusion fusion(RetrievalParams p) {
    String method = p.params().choice("fusion", "rrf", Set.of("rrf", "weighted"));
    if (method.equals("rrf")) {
      if (p.params().has("weight")) {
        throw p.fault("weight", "applies to weighted fusion only", "fusion: weighted, or no weight");
      }
      return new Fusion.Rrf(p.params().number("rrf_k", 60, 1e-9, 1e9));
    }
    if (p.params().has("rrf_k")) {
      throw p.fault("rrf_k", "applies to reciprocal rank fusion only", "fusion: rrf, or no rrf_k");
    }
    return new Fusion.Weighted(p.params().number("weight", 0.5, 0, 1));
  }
}
