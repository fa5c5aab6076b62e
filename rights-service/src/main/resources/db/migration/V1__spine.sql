-- The spine of the request lifecycle: requests, their per-system tasks, the audit trail and the outbox.

create table rights_request (
    id             uuid primary key,
    subject_id     text        not null,            -- the account id (Keycloak subject) of the person
    subject_email  text,                            -- where to tell the person; pseudonymised after retention
    subject_locale text        not null,
    jurisdiction   text        not null,            -- ISO 3166 code (with subdivision where it matters)
    type           text        not null,
    status         text        not null,
    received_at    timestamptz not null,
    due_at         timestamptz not null,            -- end of the due day in the jurisdiction's zone
    due_date       date        not null,
    due_zone       text        not null,
    regime         text        not null,
    due_rule       text        not null,
    due_provisional boolean    not null,            -- calendar data was missing: recomputed when it arrives
    due_soon_at    timestamptz not null,            -- when agents get the "due soon" alert (lead time per policy)
    extended_at    timestamptz,
    extension_reason text,
    original_due_at timestamptz,
    refusal_reason text,
    closed_at      timestamptz,                     -- completed, refused or cancelled
    due_soon_raised_at timestamptz,                 -- each alert once, whatever the number of scanners
    overdue_raised_at  timestamptz,
    updated_at     timestamptz not null
);
-- "my requests", newest first
create index rights_request_subject_idx on rights_request (subject_id, received_at desc);

create table request_task (
    id               uuid primary key,
    request_id       uuid        not null references rights_request (id),
    system_id        text        not null,
    action           text        not null,
    phase            int         not null,
    status           text        not null,          -- PLANNED, DISPATCHED, DONE, FAILED
    detail           text,
    system_reference text,
    attempts         int,
    dispatched_at    timestamptz,
    completed_at     timestamptz,
    unique (request_id, system_id, action)
);
create index request_task_request_idx on request_task (request_id, phase);

-- Append-only, hash-chained: each entry's hash covers its content and the previous entry's hash.
create table audit_entry (
    seq         bigserial primary key,
    request_id  uuid,
    occurred_at timestamptz not null,
    actor       text        not null,               -- a role and a keyed pseudonym, never a name or address
    action      text        not null,
    detail      text        not null,               -- canonical JSON, no personal data
    prev_hash   text        not null,
    hash        text        not null
);
create index audit_entry_request_idx on audit_entry (request_id, seq);

create function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only';
end $$;
create trigger audit_entry_no_update before update or delete on audit_entry
    for each row execute function audit_entry_is_append_only();

-- Transactional outbox (modelled on Spring Modulith's event publication registry).
create table outbox_message (
    id              uuid primary key,
    exchange        text        not null,
    routing_key     text        not null,
    message_type    text        not null,
    payload         text        not null,
    status          text        not null default 'PENDING',  -- PENDING, PUBLISHED
    attempts        int         not null default 0,
    created_at      timestamptz not null,
    next_attempt_at timestamptz not null,
    published_at    timestamptz,
    last_error      text
);
-- the relay's only query: due pending rows in creation order
create index outbox_message_pending_idx on outbox_message (next_attempt_at, created_at) where status = 'PENDING';

-- One open request of a type per person: the database settles the race between two simultaneous submissions.
create unique index rights_request_one_open_idx on rights_request (subject_id, type) where closed_at is null;

-- The agent queue: open requests by due date, keyset-paginated on (due_at, id); also the scanner's overdue query.
create index rights_request_queue_idx on rights_request (due_at, id) where closed_at is null;
-- The scanner's due-soon query.
create index rights_request_due_soon_idx on rights_request (due_soon_at) where closed_at is null and due_soon_raised_at is null;

-- Idempotency-Key of POST /api/v1/requests: the first answer, replayed for the same key and body.
create table idempotency_key (
    subject_id      text        not null,
    key             text        not null,
    body_hash       text        not null,
    response_status int         not null,
    response_body   text        not null,
    request_id      uuid        not null references rights_request (id),
    created_at      timestamptz not null,
    primary key (subject_id, key)
);

-- Agents' notes on a request. A note may hold personal data, so the audit trail records only that one was added.
create table request_note (
    id          uuid primary key,
    request_id  uuid        not null references rights_request (id),
    author      text        not null,
    body        text        not null,
    created_at  timestamptz not null
);
create index request_note_request_idx on request_note (request_id, created_at);
