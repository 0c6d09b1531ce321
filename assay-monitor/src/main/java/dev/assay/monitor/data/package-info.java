/**
 * Tables the monitor reads: JSONL and CSV files (through assay-core's UTF-8 line and CSV readers),
 * Parquet through DuckDB, and stored runs (inputs, outputs, scores). Every file is opened through
 * {@link dev.assay.core.io.InputFiles}; a broken row is an {@link dev.assay.core.InputException}
 * naming the file, line and field.
 */
package dev.assay.monitor.data;
