-- Indexes for the officer's reports and the agents' queue over a large table (infra/bench/console-reports).

-- The queue filtered by a status (any, closed ones too), in its order: without it, ?status=COMPLETED read and sorted
-- every request of that status (the partial queue index covers open requests only).
create index rights_request_status_queue_idx on rights_request (status, due_at, id);

-- A queue page's legal holds in one query (request_id = any(...)); the table had no index on request_id.
create index task_retention_request_idx on task_retention (request_id);

-- The compliance report's per-system figures read only the tasks that went wrong or were attempted more than once
-- (a few per cent of them), not every task of the year: 2 s less over a million requests.
create index request_task_trouble_idx on request_task (request_id) include (system_id, status, attempts)
    where status in ('FAILED', 'BLOCKED', 'SUPERSEDED') or attempts > 1;
