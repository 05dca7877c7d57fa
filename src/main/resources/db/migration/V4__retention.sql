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

-- The newest tasks first (GET /tasks, the console) without reading the whole table.
CREATE INDEX tasks_created ON tasks (created_at);

-- Retention: the finished tasks of one state, oldest finish first. Unfinished tasks never enter this index.
CREATE INDEX tasks_finished ON tasks (state, updated_at) WHERE state IN ('ACKNOWLEDGED', 'FAILED', 'DEAD');
