-- What one accepted DEREGISTER writes and reads, in one transaction, statement by statement in the order rights-service
-- sends them (RequestIntake -> RequestSubmission -> Transitions / AuditTrail / RequestEvents / TaskStore / WorkStarter
-- -> TaskDispatcher -> RequestViews), with the systems of infra/local/systems.yml (crm and orders in phase 1, keycloak
-- in phase 9 and holding the account): 1 request, 4 tasks, 3 audit entries, 2 outbox rows; 18 statements with BEGIN
-- and COMMIT. An audit entry is one statement, audit_append (V14): it takes the lock of the request's own chain (no
-- other session appends to it, so nobody waits) and appends to that chain. Run by infra/bench/submissions:
--   pgbench -n -M prepared -c 16 -j 2 -T 20 -f infra/bench/pgbench-submission.sql -h 127.0.0.1 -U postgres rights_bench
-- (-M prepared: the R2DBC driver also sends each statement with the extended protocol and caches it prepared.)
-- Ids derive from one random number per transaction (the service makes them in Java, without a round trip). The
-- hashed content (AuditHash.content) is shortened here; the function hashes it as the service's. No literal may hold a colon followed
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
-- AuditTrail.append("request.received"): one call of audit_append
select audit_append(md5(:n::text || '/r')::uuid, 'request' || chr(58) || md5(:n::text || '/r')::uuid::text, now(),
    'subject:' || md5(:n::text), 'request.received',
    '{"dueAt":"' || (now() + interval '21 days')::text || '","jurisdiction":"CN","regime":"PIPL","rule":"PIPL deregister: 15 Chinese working days from receipt","type":"DEREGISTER"}',
    md5(:n::text || '/r') || 'request.received');
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
select audit_append(md5(:n::text || '/r')::uuid, 'request' || chr(58) || md5(:n::text || '/r')::uuid::text, now(),
    'system:' || 'rights-service', 'request.started',
    '{}',
    md5(:n::text || '/r') || 'request.started');
-- WorkStarter.dispatchFirstPhase: the tasks, then TaskDispatcher.dispatch (step 2: keycloak DISABLE) and its audit entry
select * from request_task where request_id = md5(:n::text || '/r')::uuid order by phase, system_id, dispatched_at;
update request_task set status = 'DISPATCHED', dispatched_at = now(), due_at = now() + interval '1 day'
where id = md5(:n::text || '/t1')::uuid and status = 'PLANNED';
insert into outbox_message (id, exchange, routing_key, message_type, payload, created_at, next_attempt_at)
values (md5(:n::text || '/t1')::uuid, 'rights.tasks', 'task.disable.keycloak', 'TaskCommand',
    '{"taskId":"' || md5(:n::text || '/t1')::uuid || '","requestId":"' || md5(:n::text || '/r')::uuid
    || '","requestType":"DEREGISTER","action":"DISABLE","systemId":"keycloak","subject":{"accountId":"' || md5(:n::text)::uuid
    || '"},"dueAt":"' || (now() + interval '1 day')::text || '","issuedAt":"' || now()::text || '"}', now(), now());
select audit_append(md5(:n::text || '/r')::uuid, 'request' || chr(58) || md5(:n::text || '/r')::uuid::text, now(),
    'system:' || 'rights-service', 'tasks.dispatched',
    '{"step": 2,"systems":["keycloak:' || 'DISABLE"]}',
    md5(:n::text || '/r') || 'tasks.dispatched');
-- RequestViews.of: the answer's tasks and legal holds
select * from request_task where request_id = md5(:n::text || '/r')::uuid order by phase, system_id, dispatched_at;
select system_id, category, basis, until from task_retention where request_id = md5(:n::text || '/r')::uuid order by system_id, category;
COMMIT;
