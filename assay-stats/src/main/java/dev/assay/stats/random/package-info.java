/** Counter-based random draws and deterministic parallel execution of replicates. */
package dev.assay.stats.random;
