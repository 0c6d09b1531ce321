package dev.assay.gate;

import dev.assay.core.VerdictRecord;
import dev.assay.core.io.RunInputs;

/**
 * What a comparison found: the pairing, one comparison per metric, and the gate's verdict when a
 * gate was applied. Renderers (text, JSON, HTML, Markdown, JUnit) read it; nothing in it is
 * computed again by them.
 *
 * @param baseline the baseline side
 * @param candidate the candidate side
 * @param pairing the sides paired by example id (and clusters)
 * @param report the per-metric comparisons
 * @param verdict the gate's verdict with its plan status, or null without a gate
 * @param recorded the verdict as stored, or null when it was not stored
 * @param dataset the examples behind the sides (inputs, references, tags), or why they are unavailable
 */
public record ComparisonResult(Side baseline, Side candidate, Pairing pairing, ComparisonReport report,
    GateResult verdict, VerdictRecord recorded, RunInputs.Lookup dataset) {}
