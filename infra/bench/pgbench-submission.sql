-- What one accepted DEREGISTER writes and reads, in one transaction, statement by statement in the order rights-service
-- sends them (RequestIntake -> RequestSubmission -> Transitions / AuditTrail / RequestEvents / TaskStore / WorkStarter
-- -> TaskDispatcher -> RequestViews), with the systems of infra/local/systems.yml (crm and orders in phase 1, keycloak
-- in phase 9 and holding the account): 1 request, 4 tasks, 3 audit entries, 2 outbox rows; 24 statements with BEGIN
-- and COMMIT, the last 21 of them under the audit chain's advisory lock (key 353416726612 = AuditTrail.CHAIN_LOCK,
-- 0x5249474854). Run by infra/bench/submissions:
--   pgbench -n -M prepared -c 16 -j 2 -T 20 -f infra/bench/pgbench-submission.sql -h 127.0.0.1 -U postgres rights_bench
-- (-M prepared: the R2DBC driver also sends each statement with the extended protocol and caches it prepared.)
-- Ids derive from one random number per transaction (the service makes them in Java, without a round trip). The
-- service computes each audit hash in Java between reading the last hash and inserting; here the insert recomputes it
-- in SQL from the same last row, with the same round trips under the same lock. No literal may hold a colon followed
-- by a letter or digit: pgbench would take it for a variable (hence 'system:' || 'rights-service' and "step": 2).
\set n random(1, 9223372036854775806)
BEGIN;
-- RequestStore.insert (RECEIVED)
insert into rights_request (id, subject_id, subject_email, subject_locale, jurisdiction, type, received_at, status, due_at,
    due_date, due_zone, regime, due_rule, due_provisional, due_soon_at, extended_at, extension_reason, original_due_at,
    refusal_reason, closed_at, updated_at)
values (md5(:n::text || '/r')::uuid, md5(:n::text)::uuid::text, 'bench-' || :n::text || '@bench.invalid', 'en', 'CN',
    'DEREGISTER', now(), 'RECEIVED', now() + interval '21 days', current_date + 21, 'Asia/Shanghai', 'PIPL',
    'PIPL deregister: 15 Chinese working days from receipt (App认定方法, GB/T 35273 §8.5)', false, now() + interval '18 days',
    null, null, null, null, null, now());
-- Transitions.apply(RECEIVED): RequestStore.save
update rights_request set status = 'RECEIVED', due_at = now() + interval '21 days', due_date = current_date + 21,
    due_zone = 'Asia/Shanghai', regime = 'PIPL', due_rule = 'PIPL deregister: 15 Chinese working days from receipt (App认定方法, GB/T 35273 §8.5)',
    due_provisional = false, due_soon_at = now() + interval '18 days', extended_at = null, extension_reason = null,
    original_due_at = null, refusal_reason = null, closed_at = null, updated_at = now()
where id = md5(:n::text || '/r')::uuid;
-- AuditTrail.append("request.received"): the chain lock, the last hash, the entry
select pg_advisory_xact_lock(353416726612);
select hash from audit_entry order by seq desc limit 1;
insert into audit_entry (request_id, occurred_at, actor, action, detail, prev_hash, hash)
select md5(:n::text || '/r')::uuid, now(), 'subject:' || md5(:n::text), 'request.received',
    '{"dueAt":"' || (now() + interval '21 days')::text || '","jurisdiction":"CN","regime":"PIPL","rule":"PIPL deregister: 15 Chinese working days from receipt","type":"DEREGISTER"}',
    prev, encode(sha256(convert_to(prev || md5(:n::text || '/r') || 'request.received', 'UTF8')), 'hex')
from (select coalesce((select hash from audit_entry order by seq desc limit 1), repeat('0', 64)) as prev) last;
-- RequestEvents.publish(RECEIVED): Outbox.add
insert into outbox_message (id, exchange, routing_key, message_type, payload, created_at, next_attempt_at)
values (md5(:n::text || '/e1')::uuid, 'rights.events', 'request.received', 'RequestEvent',
    '{"eventId":"' || md5(:n::text || '/e1')::uuid || '","type":"request.received","requestId":"' || md5(:n::text || '/r')::uuid
    || '","requestType":"DEREGISTER","status":"RECEIVED","occurredAt":"' || now()::text || '","dueAt":"' || (now() + interval '21 days')::text || '","dueDate":"' || (current_date + 21)::text || '","reason": null,"systemId": null,"retained": null,"code": null,"codeExpiresAt": null,"recipient":{"email":"bench-'
    || :n::text || '@bench.invalid","locale":"en"}}', now(), now());
-- TaskStore.insert for each planned task (TaskPlan: disable the account, then erase per phase)
insert into request_task (id, request_id, system_id, action, phase, status) values (md5(:n::text || '/t1')::uuid, md5(:n::text || '/r')::uuid, 'keycloak', 'DISABLE', 2, 'PLANNED');
insert into request_task (id, request_id, system_id, action, phase, status) values (md5(:n::text || '/t2')::uuid, md5(:n::text || '/r')::uuid, 'crm', 'ERASE', 11, 'PLANNED');
insert into request_task (id, request_id, system_id, action, phase, status) values (md5(:n::text || '/t3')::uuid, md5(:n::text || '/r')::uuid, 'orders', 'ERASE', 11, 'PLANNED');
insert into request_task (id, request_id, system_id, action, phase, status) values (md5(:n::text || '/t4')::uuid, md5(:n::text || '/r')::uuid, 'keycloak', 'ERASE', 19, 'PLANNED');
-- WorkStarter.proceed -> Transitions.apply(STARTED): RequestStore.save, AuditTrail.append("request.started")
update rights_request set status = 'IN_PROGRESS', due_at = now() + interval '21 days', due_date = current_date + 21,
    due_zone = 'Asia/Shanghai', regime = 'PIPL', due_rule = 'PIPL deregister: 15 Chinese working days from receipt (App认定方法, GB/T 35273 §8.5)',
    due_provisional = false, due_soon_at = now() + interval '18 days', extended_at = null, extension_reason = null,
    original_due_at = null, refusal_reason = null, closed_at = null, updated_at = now()
where id = md5(:n::text || '/r')::uuid;
select pg_advisory_xact_lock(353416726612);
select hash from audit_entry order by seq desc limit 1;
insert into audit_entry (request_id, occurred_at, actor, action, detail, prev_hash, hash)
select md5(:n::text || '/r')::uuid, now(), 'system:' || 'rights-service', 'request.started', '{}',
    prev, encode(sha256(convert_to(prev || md5(:n::text || '/r') || 'request.started', 'UTF8')), 'hex')
from (select coalesce((select hash from audit_entry order by seq desc limit 1), repeat('0', 64)) as prev) last;
-- WorkStarter.dispatchFirstPhase: the tasks, then TaskDispatcher.dispatch (step 2: keycloak DISABLE) and its audit entry
select * from request_task where request_id = md5(:n::text || '/r')::uuid order by phase, system_id, dispatched_at;
update request_task set status = 'DISPATCHED', dispatched_at = now(), due_at = now() + interval '1 day'
where id = md5(:n::text || '/t1')::uuid and status = 'PLANNED';
insert into outbox_message (id, exchange, routing_key, message_type, payload, created_at, next_attempt_at)
values (md5(:n::text || '/t1')::uuid, 'rights.tasks', 'task.disable.keycloak', 'TaskCommand',
    '{"taskId":"' || md5(:n::text || '/t1')::uuid || '","requestId":"' || md5(:n::text || '/r')::uuid
    || '","requestType":"DEREGISTER","action":"DISABLE","systemId":"keycloak","subject":{"accountId":"' || md5(:n::text)::uuid
    || '"},"dueAt":"' || (now() + interval '1 day')::text || '","issuedAt":"' || now()::text || '"}', now(), now());
select pg_advisory_xact_lock(353416726612);
select hash from audit_entry order by seq desc limit 1;
insert into audit_entry (request_id, occurred_at, actor, action, detail, prev_hash, hash)
select md5(:n::text || '/r')::uuid, now(), 'system:' || 'rights-service', 'tasks.dispatched', '{"step": 2,"systems":["keycloak:' || 'DISABLE"]}',
    prev, encode(sha256(convert_to(prev || md5(:n::text || '/r') || 'tasks.dispatched', 'UTF8')), 'hex')
from (select coalesce((select hash from audit_entry order by seq desc limit 1), repeat('0', 64)) as prev) last;
-- RequestViews.of: the answer's tasks and legal holds
select * from request_task where request_id = md5(:n::text || '/r')::uuid order by phase, system_id, dispatched_at;
select system_id, category, basis, until from task_retention where request_id = md5(:n::text || '/r')::uuid order by system_id, category;
COMMIT;
