-- A person's authorisation of a partner app to act for them through the partner API (OpenDSR): which request types it
-- covers. A partner can act only for people linked to it; a revoked link is kept (revoked_at) as proof of when.
create table partner_link (
    subject_id    text        not null,
    partner_id    text        not null,             -- the partner's OAuth client id (azp of its tokens)
    request_types text[]      not null,             -- of ACCESS, EXPORT, DEREGISTER
    email         text,                             -- where to tell the person what the partner started (from their token)
    email_sha256  text,                             -- sha256 of the lower-cased address: partners may name the person by it
    locale        text        not null,
    granted_at    timestamptz not null,
    revoked_at    timestamptz,
    primary key (subject_id, partner_id)
);
-- the intake's look-up by an e-mail identity
create index partner_link_email_idx on partner_link (partner_id, email_sha256) where revoked_at is null;
