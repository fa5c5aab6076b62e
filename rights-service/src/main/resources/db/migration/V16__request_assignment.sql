-- Which agent holds an open request (issue 12: the console's "take", "release", "assign to"). Assignment is not a state
-- of the request, so it lives beside it; every change is also an audit entry under the agent who made it.
-- holder_name is the agent's username (or display name) as the queue shows it: staff, never the person's data.
create table request_assignment (
    request_id   uuid        primary key references rights_request (id),
    holder_id    text        not null,
    holder_name  text        not null,
    assigned_by  text        not null,
    assigned_at  timestamptz not null
);
create index request_assignment_holder_idx on request_assignment (holder_id);
