-- Where each trigger of the tasks file got to: the last slot fired (schedules) or the last block processed and its
-- hash (chain triggers), as the trigger's own text. Read at start-up to catch up; written after each firing.
-- Portable SQL (SQLite and PostgreSQL).
CREATE TABLE trigger_cursors (
  trigger_id TEXT PRIMARY KEY,
  position   TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
