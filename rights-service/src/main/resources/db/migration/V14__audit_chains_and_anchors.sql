-- The audit trail without a global lock: one hash chain per request (or, for what concerns no request, per actor),
-- appended under a lock of that chain only, plus signed anchors that pin every chain's head periodically.
-- See rights-service/README.md, "Audit trail".

-- chain: 'request:<uuid>', 'actor:<actor>', or 'legacy' (the single chain every entry was in before this
-- migration, kept as it was: its hashes are the evidence and are not rewritten). pos: 1, 2, … along the chain.
alter table audit_entry add column chain text;
alter table audit_entry add column pos bigint;

alter table audit_entry disable trigger audit_entry_no_update;
update audit_entry e set chain = 'legacy', pos = n.pos
from (select seq, row_number() over (order by seq) as pos from audit_entry) n
where e.seq = n.seq;
alter table audit_entry enable trigger audit_entry_no_update;

alter table audit_entry alter column chain set not null;
alter table audit_entry alter column pos set not null;
-- one entry per place in a chain: two appends that raced past the lock could not fork a chain, they would fail
create unique index audit_entry_chain_idx on audit_entry (chain, pos) include (hash);

-- Entries not yet covered by an anchor; the anchoring job deletes the rows it anchors in its own transaction.
create table audit_pending (
    chain text   not null,
    pos   bigint not null,
    hash  text   not null,
    primary key (chain, pos)
);
-- the legacy chain's head: the first anchor pins it, and with it every entry made before this migration
insert into audit_pending (chain, pos, hash)
select chain, pos, hash from audit_entry where chain = 'legacy' order by pos desc limit 1;

-- A signed anchor: the Merkle root over the heads of the chains that grew since the anchor before it, linked to that
-- anchor by hash, signed with the platform key (SHA256withRSA, the OpenDSR processor key).
create table audit_anchor (
    id                 bigint primary key,
    anchored_at        timestamptz not null,
    heads              int         not null,
    root               text        not null,
    prev_hash          text        not null,
    hash               text        not null,
    signature          text        not null,
    certificate_sha256 text        not null
);
create table audit_anchor_head (
    anchor_id bigint not null references audit_anchor (id),
    chain     text   not null,
    pos       bigint not null,
    hash      text   not null,
    primary key (anchor_id, chain)
);
create index audit_anchor_head_chain_idx on audit_anchor_head (chain, pos);

create trigger audit_anchor_no_update before update or delete on audit_anchor
    for each row execute function audit_entry_is_append_only();
create trigger audit_anchor_head_no_update before update or delete on audit_anchor_head
    for each row execute function audit_entry_is_append_only();

-- One append in one round trip. The chain's lock comes first, in its own statement: in READ COMMITTED every
-- statement of a function sees what was committed before it started, so the read of the chain's last entry, after
-- the lock, sees the entry of whoever held the lock before. The lock is a transaction-scoped advisory lock on the
-- chain's name ('AUDT', hashtext(chain)), taken where the one lock for the whole trail used to be taken: a finer lock
-- at the same places cannot close a cycle the old one did not, so no new deadlock can appear, and nothing depends on
-- which row locks the caller holds. Two chains whose names share a hash merely wait for each other.
-- p_content is the entry's hashed text after the previous hash (AuditHash.content), so Java and SQL hash alike.
create function audit_append(
    p_request_id uuid, p_chain text, p_occurred_at timestamptz, p_actor text, p_action text, p_detail text,
    p_content text) returns void language plpgsql as $$
declare
    v_pos  bigint;
    v_prev text;
    v_hash text;
begin
    perform pg_advisory_xact_lock(1096107092, hashtext(p_chain));
    select pos, hash into v_pos, v_prev from audit_entry where chain = p_chain order by pos desc limit 1;
    v_pos := coalesce(v_pos, 0) + 1;
    v_prev := coalesce(v_prev, repeat('0', 64));
    v_hash := encode(sha256(convert_to(v_prev || E'\n' || p_content, 'UTF8')), 'hex');
    insert into audit_entry (request_id, occurred_at, actor, action, detail, prev_hash, hash, chain, pos)
    values (p_request_id, p_occurred_at, p_actor, p_action, p_detail, v_prev, v_hash, p_chain, v_pos);
    insert into audit_pending (chain, pos, hash) values (p_chain, v_pos, v_hash);
end $$;
