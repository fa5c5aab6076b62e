-- Signed receipts of completed deregistrations and consent withdrawals (package receipt/): issued once, on the
-- first fetch after completion, and never changed. No personal data: the payload names the request, the systems and
-- what they did, never the person.
create table receipt (
    request_id uuid primary key references rights_request (id),
    issued_at  timestamptz not null,
    payload    bytea       not null,            -- the exact UTF-8 JSON bytes that were signed
    signature  text        not null             -- base64 SHA256withRSA over payload, by the platform (processor) key
);

create function receipt_is_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'a receipt never changes once issued';
end $$;
create trigger receipt_no_change before update or delete on receipt
    for each row execute function receipt_is_immutable();
