-- Messages of one transaction can carry the same created_at; the relay must still publish them in the order they were
-- written (a request's "completed" before its "export-ready"), so rows get an insertion sequence to order by.
alter table outbox_message add column seq bigserial;
drop index outbox_message_pending_idx;
create index outbox_message_pending_idx on outbox_message (next_attempt_at, seq) where status = 'PENDING';
