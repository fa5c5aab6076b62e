-- The consent ledger: every grant and withdrawal of a consent purpose, per person, append-only. A purpose's current
-- state is its latest event; no event means consent was never given.

create table consent_event (
    seq            bigserial primary key,
    subject_id     text        not null,            -- the account id (token sub) of the person
    purpose        text        not null,            -- an id of the catalogue (rights.consent.purposes)
    notice_version text        not null,            -- the version of the notice text the event refers to
    action         text        not null check (action in ('GRANTED', 'WITHDRAWN')),
    method         text        not null check (method in ('PORTAL', 'AGENT', 'API', 'GPC')),
    occurred_at    timestamptz not null,
    request_id     uuid references rights_request (id), -- the WITHDRAW_CONSENT request that propagates a withdrawal
    agent_id       text,                            -- the support agent who recorded it (method AGENT)
    -- the event this one follows for the same person and purpose: each event has at most one successor, so two
    -- writers that read the same state cannot both append (the advisory lock in ConsentLedger normally prevents it)
    prev_seq       bigint unique references consent_event (seq),
    check ((action = 'WITHDRAWN') = (request_id is not null)),
    check ((method = 'AGENT') = (agent_id is not null))
);
-- only one first event per person and purpose
create unique index consent_event_first_idx on consent_event (subject_id, purpose) where prev_seq is null;
-- the current state (latest per purpose) and the history, newest first
create index consent_event_subject_idx on consent_event (subject_id, purpose, seq desc);
create index consent_event_history_idx on consent_event (subject_id, seq desc);

create function consent_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'consent_event is append-only';
end $$;
create trigger consent_event_no_update before update or delete on consent_event
    for each row execute function consent_event_is_append_only();

-- A WITHDRAW_CONSENT request names the purpose it propagates.
alter table rights_request add column purpose text;

-- One open request of a type per person, except that each consent purpose may have its own open withdrawal.
drop index rights_request_one_open_idx;
create unique index rights_request_one_open_idx on rights_request (subject_id, type, coalesce(purpose, ''))
    where closed_at is null;
