-- The partner API (OpenDSR 2.0): each partner's requests, their first answer (replayed to an identical create), and
-- the signed status callbacks owed to them, with a delivery log.

create table opendsr_request (
    subject_request_id uuid primary key,             -- chosen by the partner (controller)
    controller_id      text        not null,         -- the partner's OAuth2 client id
    request_id         uuid        not null unique references rights_request (id),
    body_hash          text        not null,         -- SHA-256 of the create body's canonical JSON: same id + other body = 409
    request_type       text        not null,         -- access | portability | erasure
    submitted_time     timestamptz not null,
    received_time      timestamptz not null,
    callback_urls      text        not null,         -- JSON array, checked when the request was created
    created_answer     bytea       not null,         -- the exact 201 body, signed again on a repeat
    last_status        text        not null          -- the OpenDSR status last announced (callbacks only on a change)
);
create index opendsr_request_controller_idx on opendsr_request (controller_id);

create table opendsr_callback (
    id                 uuid primary key,
    subject_request_id uuid        not null references opendsr_request (subject_request_id),
    url                text        not null,
    body               bytea       not null,         -- signed when sent: the exact bytes the signature covers
    request_status     text        not null,
    created_at         timestamptz not null,
    status             text        not null,         -- PENDING, DELIVERED, FAILED
    attempts           int         not null default 0,
    next_attempt_at    timestamptz not null,
    lease_until        timestamptz,
    last_error         text,                         -- status code or exception type; never the partner's answer body
    delivered_at       timestamptz
);
create index opendsr_callback_due_idx on opendsr_callback (next_attempt_at) where status = 'PENDING';
