-- Counts per state, kept in step with the tasks by the writer (one upsert per state changed per committed batch), so
-- that GET /tasks, `avs tasks` and the metrics read a few rows however many tasks are kept. Several replicas sharing
-- PostgreSQL each add to their own shard (no lock contention on one row); the count of a state is the sum of its
-- shards. Seeded once from the tasks already there. Portable SQL (SQLite and PostgreSQL).
CREATE TABLE task_counts (
    state      VARCHAR(16) NOT NULL,
    shard      INTEGER     NOT NULL,
    task_count BIGINT      NOT NULL,
    PRIMARY KEY (state, shard)
);
INSERT INTO task_counts (state, shard, task_count) SELECT state, 0, COUNT(*) FROM tasks GROUP BY state;

-- The tasks of one state by age: the newest for GET /tasks and the console (one range per state, merged), the
-- oldest for retention, the pending and dead ones for the proofs still needed; without reading the whole table.
CREATE INDEX tasks_state_created ON tasks (state, created_at);
