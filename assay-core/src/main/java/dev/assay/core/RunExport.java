package dev.assay.core;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * A run record with its per-example records: what {@code assay runs export} writes.
 *
 * <p>The header's fields are unwrapped at the top level next to {@code examples}, ordered by
 * dataset position then repeat.
 */
public record RunExport(@JsonUnwrapped RunRecord run, List<ExampleResult> examples) {}
