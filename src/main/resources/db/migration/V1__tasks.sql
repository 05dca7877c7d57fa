-- The durable outbox: one row per accepted task. Portable SQL (SQLite and PostgreSQL); times are epoch milliseconds.
CREATE TABLE tasks (
    id                 VARCHAR(36)  PRIMARY KEY,
    idempotency_key    VARCHAR(200) UNIQUE,
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

-- The dispatcher's question: which unfinished tasks are due?
CREATE INDEX tasks_due ON tasks (state, next_attempt_at);
CREATE INDEX tasks_created ON tasks (created_at);
