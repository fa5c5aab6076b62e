-- The ledger of tasks this worker carried out: the idempotency key for redeliveries (task_id) and the proof of
-- what was done in each system. It deliberately stores no personal data: the subject's account id lives only in
-- the task message and in the call to the downstream system.
CREATE TABLE task_execution (
    task_id          uuid         PRIMARY KEY,
    request_id       uuid         NOT NULL,
    system_id        varchar(63)  NOT NULL,
    action           varchar(32)  NOT NULL,
    status           varchar(16)  NOT NULL CHECK (status IN ('RUNNING', 'RETRY_SCHEDULED', 'DONE', 'FAILED')),
    attempts         integer      NOT NULL CHECK (attempts >= 1),
    detail           varchar(500),
    system_reference varchar(200),
    due_at           timestamptz,
    -- until when the worker that set RUNNING may still be calling the system; after it, another may take over
    lease_until      timestamptz,
    next_attempt_at  timestamptz,
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL,
    completed_at     timestamptz,
    CHECK ((status IN ('DONE', 'FAILED')) = (completed_at IS NOT NULL))
);

-- Everything done for one request (reports, proof).
CREATE INDEX task_execution_request_idx ON task_execution (request_id);

-- Open tasks by age, for the stuck-task and deadline checks a later issue adds; stays small as tasks finish.
CREATE INDEX task_execution_open_idx ON task_execution (status, updated_at)
    WHERE status IN ('RUNNING', 'RETRY_SCHEDULED');
