-- The agents' recent alerts (GET /api/v1/agent/alerts) are read from the audit trail, newest first: a partial index on
-- just those entries keeps that read a short index scan however long the trail grows. Its predicate is the query's
-- (request.AgentAlerts).
create index audit_entry_alert_idx on audit_entry (seq)
    where action in ('request.review-required', 'request.needs-attention', 'request.due-soon', 'request.overdue',
                     'request.task-overdue');
