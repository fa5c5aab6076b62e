-- One-time codes for requests submitted without a login: only a keyed hash of the code is kept.
create table verification_code (
    request_id  uuid primary key references rights_request (id),
    code_hash   text        not null,
    expires_at  timestamptz not null,
    attempts    int         not null default 0,
    created_at  timestamptz not null
);

-- Every code sent, by person (keyed pseudonym of the address), for the rate limit.
create table verification_send (
    subject_id text        not null,
    sent_at    timestamptz not null
);
create index verification_send_idx on verification_send (subject_id, sent_at);
