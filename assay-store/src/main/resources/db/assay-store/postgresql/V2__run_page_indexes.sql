-- Version 2: indexes that serve a page of runs (Store.runs(RunQuery); a server lists 100,000 of
-- them) straight from the index in the order RunQuery defines, start time then run id, whichever
-- filter is set. Run ids sort in the C collation, as Java compares them, not the database's locale.
-- A B-tree is read backwards for newest-first pages, so one direction serves both orders.

CREATE INDEX runs_page ON runs (started_at, run_id COLLATE "C");
DROP INDEX runs_by_system;
DROP INDEX runs_by_suite;
DROP INDEX runs_by_status;
CREATE INDEX runs_by_system ON runs (system_name, started_at, run_id COLLATE "C");
CREATE INDEX runs_by_suite ON runs (suite_name, started_at, run_id COLLATE "C");
CREATE INDEX runs_by_status ON runs (status, started_at, run_id COLLATE "C");
