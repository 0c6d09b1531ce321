/** Drift reports and A/B readouts as terminal text, JSON and self-contained HTML. */
package dev.assay.monitor.render;
