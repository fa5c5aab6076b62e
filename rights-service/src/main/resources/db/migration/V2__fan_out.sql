-- Reliable fan-out: pre-checks, cooling-off, per-system deadlines, manual tasks, retries, and proof of erasure.

alter table rights_request
    add column cooling_off_until timestamptz;        -- deregistration: erasure starts when this passes
create index rights_request_cooling_off_idx on rights_request (cooling_off_until) where status = 'COOLING_OFF';

alter table request_task
    add column due_at       timestamptz,             -- min(dispatch + the system's SLA, the request's deadline)
    add column escalated_at timestamptz,             -- a late task is escalated once
    add column deleted      int,                     -- proof: what an ERASE did, as counts
    add column anonymised   int,
    add column retained     int;
-- a retried task supersedes the failed one; only one live task per system, action and request
alter table request_task drop constraint request_task_request_id_system_id_action_key;
create unique index request_task_live_idx on request_task (request_id, system_id, action) where status <> 'SUPERSEDED';
create index request_task_due_idx on request_task (due_at) where escalated_at is null and status in ('DISPATCHED', 'AWAITING_AGENT');

-- Data a system keeps under a legal hold (PIPL Art. 47): stored and secured only, until the date.
create table task_retention (
    task_id    uuid        not null references request_task (id),
    request_id uuid        not null references rights_request (id),
    system_id  text        not null,
    category   text        not null,
    basis      text        not null,
    until      date        not null,
    primary key (task_id, category)
);
