-- Outbox rows keep no personal data once delivered: payloads are sealed at rest (OutboxCipher), cleared when the broker
-- confirms them, and published rows are deleted after rights.outbox.retention (OutboxRetention).
alter table outbox_message alter column payload drop not null;
update outbox_message set payload = null where status = 'PUBLISHED';
-- the retention sweep's query: published rows by age
create index outbox_message_published_idx on outbox_message (published_at) where status = 'PUBLISHED';
