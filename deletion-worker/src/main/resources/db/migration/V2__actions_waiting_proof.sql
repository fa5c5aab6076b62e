-- Issue 4: more actions (PRECHECK, DISABLE, ENABLE besides ERASE), the BLOCKED outcome of a pre-check, tasks that
-- wait for a system's report (WAITING: a callback, or status checks), and the proof an ERASE leaves. The proof is
-- counts and legal holds (category, basis, until) as the system reported them: nothing of the erased data.
ALTER TABLE task_execution DROP CONSTRAINT task_execution_status_check;
ALTER TABLE task_execution DROP CONSTRAINT task_execution_check;

ALTER TABLE task_execution
    ADD CONSTRAINT task_execution_status_check
        CHECK (status IN ('RUNNING', 'RETRY_SCHEDULED', 'WAITING', 'DONE', 'FAILED', 'BLOCKED')),
    ADD CONSTRAINT task_execution_final_check
        CHECK ((status IN ('DONE', 'FAILED', 'BLOCKED')) = (completed_at IS NOT NULL)),
    -- status checks made of a WAITING task (OpenDSR); numbers the check copies like attempts number retries
    ADD COLUMN checks           integer NOT NULL DEFAULT 0 CHECK (checks >= 0),
    ADD COLUMN proof_deleted    integer CHECK (proof_deleted >= 0),
    ADD COLUMN proof_anonymised integer CHECK (proof_anonymised >= 0),
    ADD COLUMN proof_retained   integer CHECK (proof_retained >= 0),
    -- JSON array of {category, basis, until}: data kept under a legal hold
    ADD COLUMN retention        text,
    -- final outside a delivery (callback, due-time scan, status check) and its result not yet confirmed published
    ADD COLUMN publish_pending  boolean NOT NULL DEFAULT false;

DROP INDEX task_execution_open_idx;
CREATE INDEX task_execution_open_idx ON task_execution (status, updated_at)
    WHERE status IN ('RUNNING', 'RETRY_SCHEDULED', 'WAITING');

-- The due-time scan and the republishing of results that callbacks settled; both sets stay small.
CREATE INDEX task_execution_waiting_idx ON task_execution (due_at) WHERE status = 'WAITING';
CREATE INDEX task_execution_unpublished_idx ON task_execution (updated_at) WHERE publish_pending;
