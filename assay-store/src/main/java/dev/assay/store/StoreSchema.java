package dev.assay.store;

import java.util.List;

/** The schema of the run store ({@code assay.db}), one migration per version. */
final class StoreSchema {
  /** {@code PRAGMA application_id} of a run store: "ASRS" in ASCII. */
  static final int APPLICATION_ID = 0x41535253;

  /**
   * Version 1. A run header is JSON beside the columns that runs are listed and filtered by;
   * {@code started_at} is ISO-8601 UTC with nine fraction digits so that text order is time order.
   *
   * <p>A per-example result is one row in a rowid table. Its physical key is (run, dataset index,
   * repeat): the engine appends in roughly dataset order, so the one index grows at its end and a
   * commit of 500 results touches a handful of pages. A unique index on the example id instead
   * would take ~500 random page writes per commit (measured: docs/design/per-example-storage.md);
   * (index, repeat) identifies the same result because a dataset's ids are unique, and the store
   * checks on every append that the id matches. The scalar fields are typed columns (compact, and
   * plain SQL can sum cost or rank latency); output, scores and error are the JSON {@code body}
   * (TEXT, or a deflated BLOB when large; see RecordCodec), which also absorbs fields that
   * ExampleResult may gain.
   */
  static final Schema.Migration V1 = new Schema.Migration(1, List.of(
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
        example_index INTEGER NOT NULL,
        repeat INTEGER NOT NULL,
        example_id TEXT NOT NULL,
        ok INTEGER NOT NULL,
        latency_ms REAL,
        tokens_in INTEGER,
        tokens_out INTEGER,
        cost REAL,
        attempts INTEGER NOT NULL,
        cached INTEGER NOT NULL,
        encoding INTEGER NOT NULL,
        body NOT NULL,
        UNIQUE (run_pk, example_index, repeat)
      )"""));

  /**
   * Version 2: what makes runs self-contained and decisions part of the record. Datasets are kept
   * once per content hash (deflated JSON Lines, see DatasetCodec), shared by every run made from
   * the same data; verdicts and plans are immutable JSON documents with the columns they are
   * listed by. Existing runs are untouched: their datasets are stored the first time a run is read
   * back while its file still hashes the same (RunInputs).
   */
  static final Schema.Migration V2 = new Schema.Migration(2, List.of(
      """
      CREATE TABLE datasets (
        hash TEXT PRIMARY KEY,
        source TEXT,
        size INTEGER NOT NULL,
        stored_at TEXT NOT NULL,
        body BLOB NOT NULL
      )""",
      """
      CREATE TABLE verdicts (
        pk INTEGER PRIMARY KEY,
        verdict_id TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        verdict TEXT NOT NULL,
        suite_name TEXT,
        baseline_system TEXT,
        candidate_system TEXT,
        baseline_run TEXT,
        candidate_run TEXT,
        body TEXT NOT NULL
      )""",
      "CREATE INDEX verdicts_newest ON verdicts (created_at DESC, verdict_id DESC)",
      "CREATE INDEX verdicts_by_baseline ON verdicts (baseline_run)",
      "CREATE INDEX verdicts_by_candidate ON verdicts (candidate_run)",
      """
      CREATE TABLE plans (
        hash TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        body TEXT NOT NULL
      )"""));

  /**
   * Version 3: indexes that serve a page of runs (a server lists 100,000 of them) straight from the
   * index in the order {@code RunQuery} defines, start time then run id, whichever filter is set;
   * the version 1 indexes sorted ties by run id in a temporary tree over every matching run.
   */
  static final Schema.Migration V3 = new Schema.Migration(3, List.of(
      "DROP INDEX runs_by_system",
      "DROP INDEX runs_by_suite",
      "DROP INDEX runs_by_status",
      "CREATE INDEX runs_by_system ON runs (system_name, started_at, run_id)",
      "CREATE INDEX runs_by_suite ON runs (suite_name, started_at, run_id)",
      "CREATE INDEX runs_by_status ON runs (status, started_at, run_id)"));

  /**
   * Version 4: the registry (models, versions, policies, alias moves and the current aliases,
   * rerun verifications) and the audit log (docs/registry.md, docs/audit.md). Each record is a JSON
   * body beside the columns it is found by. What must never change once written (versions,
   * policies, alias moves, reproductions, audit entries) is guarded by triggers that refuse updates
   * and deletes: that stops mistakes, not a determined editor of the file, whom the audit log's
   * hash chain and checkpoints catch instead. {@code audit_state} has one row once the log was
   * started (what existed before it was adopted into it).
   */
  static final Schema.Migration V4 = new Schema.Migration(4, List.of(
      """
      CREATE TABLE models (
        pk INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        body TEXT NOT NULL
      )""",
      """
      CREATE TABLE model_versions (
        model_pk INTEGER NOT NULL REFERENCES models (pk),
        number INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        spec_hash TEXT NOT NULL,
        content_hash TEXT,
        body TEXT NOT NULL,
        PRIMARY KEY (model_pk, number)
      )""",
      """
      CREATE TABLE model_policies (
        model_pk INTEGER NOT NULL REFERENCES models (pk),
        revision INTEGER NOT NULL,
        set_at TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (model_pk, revision)
      )""",
      """
      CREATE TABLE alias_moves (
        pk INTEGER PRIMARY KEY,
        move_id TEXT NOT NULL UNIQUE,
        model_pk INTEGER NOT NULL REFERENCES models (pk),
        alias TEXT NOT NULL,
        from_version INTEGER,
        to_version INTEGER NOT NULL,
        kind TEXT NOT NULL,
        at TEXT NOT NULL,
        body TEXT NOT NULL,
        FOREIGN KEY (model_pk, to_version) REFERENCES model_versions (model_pk, number)
      )""",
      "CREATE INDEX alias_moves_by_model ON alias_moves (model_pk, pk)",
      """
      CREATE TABLE aliases (
        model_pk INTEGER NOT NULL REFERENCES models (pk),
        alias TEXT NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (model_pk, alias),
        FOREIGN KEY (model_pk, version) REFERENCES model_versions (model_pk, number)
      )""",
      """
      CREATE TABLE reproductions (
        pk INTEGER PRIMARY KEY,
        reproduction_id TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        original_run TEXT NOT NULL,
        rerun_run TEXT NOT NULL,
        outcome TEXT NOT NULL,
        body TEXT NOT NULL
      )""",
      """
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subjects TEXT NOT NULL,
        content_hash TEXT,
        previous_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      )""",
      "CREATE INDEX audit_log_by_time ON audit_log (at)",
      """
      CREATE TABLE audit_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        started_at TEXT NOT NULL
      )""",
      immutable("audit_log"), undeletable("audit_log"),
      immutable("model_versions"), undeletable("model_versions"),
      immutable("model_policies"), undeletable("model_policies"),
      immutable("alias_moves"), undeletable("alias_moves"),
      immutable("reproductions"), undeletable("reproductions")));

  /**
   * Version 5: judge calibrations (docs/judges.md), immutable JSON documents with the columns they
   * are looked up by: a gate asks for the newest calibration of one judge identity. A stored
   * calibration is never changed (a trigger refuses updates).
   */
  private static final Schema.Migration V5 = new Schema.Migration(5, List.of(
      """
      CREATE TABLE calibrations (
        pk INTEGER PRIMARY KEY,
        calibration_id TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        metric TEXT NOT NULL,
        judge TEXT NOT NULL,
        body TEXT NOT NULL
      )""",
      "CREATE INDEX calibrations_by_judge ON calibrations (judge, created_at DESC, calibration_id DESC)",
      "CREATE INDEX calibrations_newest ON calibrations (created_at DESC, calibration_id DESC)",
      immutable("calibrations")));

  /**
   * Version 6: one writer per run. A run's lease (who may write its results, until when) is a row
   * keyed by run id, without a foreign key because a new run is leased before its row exists.
   * Instants are ISO-8601 UTC text; they are compared in Java inside the writer's IMMEDIATE
   * transaction, which is what makes taking a lease atomic across processes.
   */
  static final Schema.Migration V6 = new Schema.Migration(6, List.of(
      """
      CREATE TABLE run_leases (
        run_id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        action TEXT NOT NULL,
        pid INTEGER NOT NULL,
        host TEXT NOT NULL,
        acquired_at TEXT NOT NULL,
        heartbeat_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      )"""));

  static final Schema SCHEMA = new Schema("store", APPLICATION_ID, List.of(V1, V2, V3, V4, V5, V6));

  private static String immutable(String table) {
    return "CREATE TRIGGER " + table + "_no_update BEFORE UPDATE ON " + table
        + " BEGIN SELECT RAISE(ABORT, '" + table + " rows are never changed'); END";
  }

  private static String undeletable(String table) {
    return "CREATE TRIGGER " + table + "_no_delete BEFORE DELETE ON " + table
        + " BEGIN SELECT RAISE(ABORT, '" + table + " rows are never deleted'); END";
  }

  private StoreSchema() {}
}
