-- Version 3: judge calibrations (docs/judges.md), immutable JSON documents with the columns they
-- are looked up by: a gate asks for the newest calibration of one judge identity. Ids sort in the
-- C collation, as Java compares them.

CREATE TABLE calibrations (
  pk BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  calibration_id TEXT NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL,
  metric TEXT NOT NULL,
  judge TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX calibrations_by_judge ON calibrations (judge, created_at DESC, calibration_id COLLATE "C" DESC);
CREATE INDEX calibrations_newest ON calibrations (created_at DESC, calibration_id COLLATE "C" DESC);
