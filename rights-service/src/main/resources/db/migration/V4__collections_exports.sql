-- Access and export: what each system's COLLECT task uploaded (the data itself sits encrypted in the store, never
-- in this database), the archive built from it for an export, and the short-lived download links.

-- One row per COLLECT task that uploaded its part; a repeated upload of the same task replaces it.
create table collected_part (
    task_id     uuid primary key references request_task (id),
    request_id  uuid        not null references rights_request (id),
    system_id   text        not null,
    records     bigint      not null,
    bytes       bigint      not null,
    sha256      text        not null,
    categories  text        not null,               -- JSON object: category name -> record count (names only)
    stored_at   timestamptz not null,
    deleted_at  timestamptz                         -- the part was removed from the store (archived or expired)
);
create index collected_part_request_idx on collected_part (request_id);

-- An export's archive: PENDING once every COLLECT task is done, READY when built, EXPIRED when deleted.
create table export_archive (
    request_id   uuid primary key references rights_request (id),
    status       text        not null,              -- PENDING, READY, EXPIRED
    queued_at    timestamptz not null,
    lease_until  timestamptz,                       -- a builder holds the row while it builds
    attempts     int         not null default 0,
    object_key   text,
    size_bytes   bigint,
    sha256       text,                              -- of the plain zip, as the person downloads it
    files        int,
    ready_at     timestamptz,
    expires_at   timestamptz
);
create index export_archive_pending_idx on export_archive (queued_at) where status = 'PENDING';
create index export_archive_expiry_idx on export_archive (expires_at) where status = 'READY';

-- A download link: only the hash of its token is kept; the link names the archive and its owner.
create table export_link (
    token_hash  text primary key,
    request_id  uuid        not null references export_archive (request_id),
    subject_id  text        not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null
);
create index export_link_request_idx on export_link (request_id);
