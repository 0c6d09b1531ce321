/**
 * Prediction-powered inference for means: a rate estimated from many examples scored by a model
 * (an LLM judge) and a few also labelled by humans, with an interval that accounts for the
 * model's errors (Angelopoulos, Bates, Fannjiang, Jordan and Zrnic, "Prediction-powered
 * inference", Science 382, 2023; Angelopoulos, Duchi and Zrnic, "PPI++: Efficient
 * prediction-powered inference", arXiv:2311.01453, 2023).
 */
package dev.assay.stats.ppi;
