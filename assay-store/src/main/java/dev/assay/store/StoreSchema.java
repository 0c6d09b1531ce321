package dev.assay.store;

import java.util.List;

/** The schema of the run store ({@code assay.db}), one migration per version. */
final class StoreSchema {
  /** {@code PRAGMA application_id} of a run store: "ASRS" in ASCII. */
  static final int APPLICATION_ID = 0x41535253;

  /**
   * Version 1. A run header is JSON beside the columns that runs are listed and filtered by;
   * {@code started_at} is ISO-8601 UTC with nine fraction digits so that text order is time order.
   * A per-example result is one row: its key and order in indexed columns, everything else in
   * {@code body} (JSON text, or deflated JSON as a BLOB when large; see RecordCodec), so that the
   * schema does not change when ExampleResult gains a field.
   */
  private static final Schema.Migration V1 = new Schema.Migration(1, List.of(
      """
      CREATE TABLE runs (
        pk INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL UNIQUE,
        started_at TEXT,
        status TEXT NOT NULL,
        system_name TEXT,
        suite_name TEXT,
        header TEXT NOT NULL
      )""",
      "CREATE INDEX runs_newest ON runs (started_at DESC, run_id DESC)",
      "CREATE INDEX runs_by_system ON runs (system_name, started_at)",
      "CREATE INDEX runs_by_suite ON runs (suite_name, started_at)",
      "CREATE INDEX runs_by_status ON runs (status)",
      """
      CREATE TABLE results (
        run_pk INTEGER NOT NULL REFERENCES runs (pk) ON DELETE CASCADE,
        example_id TEXT NOT NULL,
        repeat INTEGER NOT NULL,
        example_index INTEGER NOT NULL,
        ok INTEGER NOT NULL,
        encoding INTEGER NOT NULL,
        body NOT NULL,
        UNIQUE (run_pk, example_id, repeat)
      )""",
      "CREATE INDEX results_in_dataset_order ON results (run_pk, example_index, repeat)"));

  static final Schema SCHEMA = new Schema("store", APPLICATION_ID, List.of(V1));

  private StoreSchema() {}
}
