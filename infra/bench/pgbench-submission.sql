-- What one accepted DEREGISTER writes and reads, in one transaction, statement by statement in the order rights-service
-- sends them (RequestLifecycle.handle(Submit) -> Submissions -> TaskDispatcher.insertAndDispatch; then, when the command
-- ends, the observers' partner lookup, the audit entries and the outbox messages written behind, one statement each;
-- then RequestViews), with the systems of infra/local/systems.yml (crm and orders in phase 1, keycloak in phase 9 and
-- holding the account): 1 request, 4 tasks in one insert (the DISABLE already sent out), 3 audit entries in one
-- audit_append_all (V19), 2 outbox rows in one insert; 8 statements with BEGIN and COMMIT (18 before the write-behind,
-- 24 before V14). Each audit entry takes the lock of the request's own chain (no other session appends to it, so nobody
-- waits). Run by infra/bench/submissions:
--   pgbench -n -M prepared -c 16 -j 2 -T 20 -f infra/bench/pgbench-submission.sql -h 127.0.0.1 -U postgres rights_bench
-- (-M prepared: the R2DBC driver also sends each statement with the extended protocol and caches it prepared.)
-- Ids derive from one random number per transaction (the service makes them in Java, without a round trip). The
-- hashed content (AuditHash.content) is shortened here; the function hashes it as the service's. No literal may hold a
-- colon followed by a letter or digit: pgbench would take it for a variable (hence 'system' || chr(58) || ...).
\set n random(1, 9223372036854775806)
BEGIN;
-- RequestStore.insert: the request as decided in memory (received, then started)
insert into rights_request (id, subject_id, subject_email, subject_locale, jurisdiction, type, received_at, status, due_at,
    due_date, due_zone, regime, due_rule, due_provisional, due_soon_at, extended_at, extension_reason, original_due_at,
    refusal_reason, closed_at, updated_at)
values (md5(:n::text || '/r')::uuid, md5(:n::text)::uuid::text, 'bench-' || :n::text || '@bench.invalid', 'en', 'CN',
    'DEREGISTER', now(), 'IN_PROGRESS', now() + interval '21 days', current_date + 21, 'Asia/Shanghai', 'PIPL',
    'PIPL deregister: 15 Chinese working days from receipt (App认定方法, GB/T 35273 §8.5)', false, now() + interval '18 days',
    null, null, null, null, null, now());
-- TaskDispatcher.insertAndDispatch: every task in one insert, the first step's already sent out
insert into request_task (id, request_id, system_id, action, phase, status, dispatched_at, due_at) values
    (md5(:n::text || '/t1')::uuid, md5(:n::text || '/r')::uuid, 'keycloak', 'DISABLE', 2, 'DISPATCHED', now(), now() + interval '1 day'),
    (md5(:n::text || '/t2')::uuid, md5(:n::text || '/r')::uuid, 'crm', 'ERASE', 11, 'PLANNED', null, null),
    (md5(:n::text || '/t3')::uuid, md5(:n::text || '/r')::uuid, 'orders', 'ERASE', 11, 'PLANNED', null, null),
    (md5(:n::text || '/t4')::uuid, md5(:n::text || '/r')::uuid, 'keycloak', 'ERASE', 19, 'PLANNED', null, null);
-- Transitions' observers, once per command: is it a partner's request? (OpenDSR callbacks)
select subject_request_id from opendsr_request where request_id = md5(:n::text || '/r')::uuid for update;
-- AuditTrail, written behind: received, started, tasks.dispatched in one call
select audit_append_all(
    array[md5(:n::text || '/r')::uuid, md5(:n::text || '/r')::uuid, md5(:n::text || '/r')::uuid],
    array_fill('request' || chr(58) || md5(:n::text || '/r')::uuid::text, array[3]),
    array[now(), now(), now()],
    array['subject' || chr(58) || md5(:n::text), 'system' || chr(58) || 'rights-service', 'system' || chr(58) || 'rights-service'],
    array['request.received', 'request.started', 'tasks.dispatched'],
    array['{"dueAt":"' || (now() + interval '21 days')::text || '","jurisdiction":"CN","regime":"PIPL","rule":"PIPL deregister: 15 Chinese working days from receipt","type":"DEREGISTER"}',
          '{}', '{"step": 2,"systems":["keycloak' || chr(58) || 'DISABLE"]}'],
    array[md5(:n::text || '/r') || 'request.received', md5(:n::text || '/r') || 'request.started',
          md5(:n::text || '/r') || 'tasks.dispatched']);
-- Outbox, written behind: the received event and the DISABLE command in one insert
insert into outbox_message (id, channel, exchange, routing_key, message_type, payload, created_at, next_attempt_at) values
    (md5(:n::text || '/e1')::uuid, 'amqp', 'rights.events', 'request.received', 'RequestEvent',
    '{"eventId":"' || md5(:n::text || '/e1')::uuid || '","type":"request.received","requestId":"' || md5(:n::text || '/r')::uuid
    || '","requestType":"DEREGISTER","status":"RECEIVED","occurredAt":"' || now()::text || '","dueAt":"' || (now() + interval '21 days')::text || '","dueDate":"' || (current_date + 21)::text || '","reason": null,"systemId": null,"retained": null,"code": null,"codeExpiresAt": null,"recipient":{"email":"bench-'
    || :n::text || '@bench.invalid","locale":"en"}}', now(), now()),
    (md5(:n::text || '/t1')::uuid, 'amqp', 'rights.tasks', 'task.disable.keycloak', 'TaskCommand',
    '{"taskId":"' || md5(:n::text || '/t1')::uuid || '","requestId":"' || md5(:n::text || '/r')::uuid
    || '","requestType":"DEREGISTER","action":"DISABLE","systemId":"keycloak","subject":{"userId":"' || md5(:n::text)::uuid
    || '"},"dueAt":"' || (now() + interval '1 day')::text || '","issuedAt":"' || now()::text || '"}', now(), now());
-- RequestViews.of: the answer's tasks (no legal holds to read while no system has answered)
select * from request_task where request_id = md5(:n::text || '/r')::uuid order by phase, system_id, dispatched_at;
COMMIT;
