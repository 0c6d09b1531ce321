-- Version 3: one writer per run. A run's lease (who may write its results, until when) is a row
-- keyed by run id, without a foreign key because a new run is leased before its row exists.
-- Instants are ISO-8601 UTC text, as the SQLite store keeps them; they are compared in Java while
-- the acquiring transaction holds an advisory lock on the run id, which is what makes taking a
-- lease atomic across processes.

CREATE TABLE run_leases (
  run_id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  action TEXT NOT NULL,
  pid BIGINT NOT NULL,
  host TEXT NOT NULL,
  acquired_at TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
