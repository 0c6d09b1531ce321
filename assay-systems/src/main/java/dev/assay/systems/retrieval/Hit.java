package dev.assay.systems.retrieval;

/**
 * One retrieved document and its score; higher scores rank first.
 *
 * @param docid the document's corpus id
 * @param score the retriever's score (BM25 score, cosine similarity or fused score)
 */
public record Hit(String docid, double score) {}
