-- One outbox for the whole service, modelled on Spring Modulith's event publication registry: every message that must
-- leave the service after a commit is a row here, whatever carries it. channel 'amqp' goes to RabbitMQ (exchange,
-- routing_key); channel 'opendsr-callback' is a partner's signed status callback (target: its URL), which had a table
-- and a sender of its own (opendsr_callback, dropped below).
--
-- status: PENDING (due at next_attempt_at), PROCESSING (claimed by a relay until next_attempt_at, the end of its
-- lease: a relay that dies leaves rows that fall due again when the lease ends), PUBLISHED (delivered; payload
-- cleared, purged after rights.outbox.retention), FAILED (gave up after the channel's attempt cap, or the target was
-- refused for good; kept for agents to see and resubmit, purged after rights.outbox.failed-retention).
alter table outbox_message
    add column channel text not null default 'amqp',
    add column target text,                 -- where a non-AMQP message goes (a callback URL); ids and URLs only
    add column ordering_key text,           -- rows with the same key go out one at a time in seq order
    add column claim_id uuid,               -- the claim of the relay working on a PROCESSING row
    add column failed_at timestamptz,
    add column resubmitted_at timestamptz,  -- when an agent last put a FAILED row back
    alter column exchange drop not null,
    alter column routing_key drop not null,
    add constraint outbox_message_status_check check (status in ('PENDING', 'PROCESSING', 'PUBLISHED', 'FAILED')),
    add constraint outbox_message_destination_check
        check ((channel = 'amqp' and exchange is not null and routing_key is not null)
               or (channel <> 'amqp' and target is not null));

-- The relay's claim: due rows of one channel, PENDING or with a lapsed PROCESSING lease, oldest first.
drop index outbox_message_pending_idx;
create index outbox_message_due_idx on outbox_message (channel, next_attempt_at, seq)
    where status in ('PENDING', 'PROCESSING');
-- The claim's ordering check: is an earlier row of the same key still unfinished?
create index outbox_message_ordering_idx on outbox_message (ordering_key, seq)
    where ordering_key is not null and status in ('PENDING', 'PROCESSING');
-- The agents' list of failed messages and the retention of failed rows.
create index outbox_message_failed_idx on outbox_message (failed_at, id) where status = 'FAILED';

-- Partner callbacks move in, in the order they were owed. Their bodies stay byte for byte what the signature will
-- cover: a payload starting with '{' is read as plain JSON (rows written before V7 were so), new ones are sealed.
insert into outbox_message (id, channel, target, ordering_key, message_type, payload, status, attempts, created_at,
                            next_attempt_at, published_at, last_error, failed_at)
select id, 'opendsr-callback', url, subject_request_id::text || ' ' || url, 'OpenDsrStatusCallback',
       case when status = 'DELIVERED' then null else convert_from(body, 'UTF8') end,
       case status when 'DELIVERED' then 'PUBLISHED' when 'FAILED' then 'FAILED' else 'PENDING' end,
       attempts, created_at,
       case when status = 'PENDING' and lease_until > next_attempt_at then lease_until else next_attempt_at end,
       delivered_at, last_error, case when status = 'FAILED' then next_attempt_at end
from opendsr_callback
order by created_at, id;

drop table opendsr_callback;
