-- The PostgreSQL run store, version 1: the same tables as the SQLite store at its version 2
-- (StoreSchema), in PostgreSQL's types. A run header, verdict and plan are JSON text beside the
-- columns they are listed by; a result keeps its scalar fields in typed columns and the rest in a
-- JSON body (text) or, when large, a deflated body (bytea) -- the bytes RecordCodec writes for both
-- stores, so a store migrates between them without re-encoding.

CREATE TABLE runs (
  pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id TEXT NOT NULL UNIQUE,
  started_at TIMESTAMPTZ,
  status TEXT NOT NULL,
  system_name TEXT,
  suite_name TEXT,
  header TEXT NOT NULL
);
CREATE INDEX runs_newest ON runs (started_at DESC NULLS LAST, run_id DESC);
CREATE INDEX runs_by_system ON runs (system_name, started_at);
CREATE INDEX runs_by_suite ON runs (suite_name, started_at);
CREATE INDEX runs_by_status ON runs (status);

-- Keyed by (run, dataset index, repeat) as in SQLite: the engine appends in dataset order, so the
-- key index grows at its end. The store checks that the example id stored at a key never changes.
CREATE TABLE results (
  run_pk BIGINT NOT NULL REFERENCES runs (pk) ON DELETE CASCADE,
  example_index INTEGER NOT NULL,
  repeat INTEGER NOT NULL,
  example_id TEXT NOT NULL,
  ok BOOLEAN NOT NULL,
  latency_ms DOUBLE PRECISION,
  tokens_in BIGINT,
  tokens_out BIGINT,
  cost DOUBLE PRECISION,
  attempts INTEGER NOT NULL,
  cached BOOLEAN NOT NULL,
  encoding SMALLINT NOT NULL,
  body_text TEXT,
  body_bytes BYTEA,
  PRIMARY KEY (run_pk, example_index, repeat),
  CHECK ((body_text IS NULL) <> (body_bytes IS NULL))
);

CREATE TABLE datasets (
  hash TEXT PRIMARY KEY,
  source TEXT,
  size INTEGER NOT NULL,
  stored_at TIMESTAMPTZ NOT NULL,
  body BYTEA NOT NULL
);

CREATE TABLE verdicts (
  pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  verdict_id TEXT NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL,
  verdict TEXT NOT NULL,
  suite_name TEXT,
  baseline_system TEXT,
  candidate_system TEXT,
  baseline_run TEXT,
  candidate_run TEXT,
  body TEXT NOT NULL
);
CREATE INDEX verdicts_newest ON verdicts (created_at DESC, verdict_id DESC);
CREATE INDEX verdicts_by_baseline ON verdicts (baseline_run);
CREATE INDEX verdicts_by_candidate ON verdicts (candidate_run);

CREATE TABLE plans (
  hash TEXT PRIMARY KEY,
  created_at TIMESTAMPTZ NOT NULL,
  body TEXT NOT NULL
);
