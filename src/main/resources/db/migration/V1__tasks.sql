-- The durable outbox: one row per accepted task. Portable SQL (SQLite and PostgreSQL); times are epoch milliseconds.
-- Indexes are few on purpose: every task writes them, so each one costs throughput.
CREATE TABLE tasks (
    id                 VARCHAR(36)  PRIMARY KEY,
    idempotency_key    VARCHAR(200),
    task_definition_id INTEGER      NOT NULL,
    target_chain_id    BIGINT,
    state              VARCHAR(16)  NOT NULL,
    proof_of_task      TEXT,
    data               TEXT,
    params             TEXT,
    attempts           INTEGER      NOT NULL DEFAULT 0,
    last_error         TEXT,
    created_at         BIGINT       NOT NULL,
    updated_at         BIGINT       NOT NULL,
    next_attempt_at    BIGINT       NOT NULL,
    deadline_at        BIGINT       NOT NULL,
    acknowledged_at    BIGINT,
    lease_until        BIGINT       NOT NULL DEFAULT 0
);

-- Only tasks that carry a key are indexed by it.
CREATE UNIQUE INDEX tasks_idempotency_key ON tasks (idempotency_key) WHERE idempotency_key IS NOT NULL;

-- The dispatcher's question: which unfinished tasks are due? Finished tasks leave this index.
CREATE INDEX tasks_due ON tasks (next_attempt_at) WHERE state IN ('RECEIVED', 'PENDING');
