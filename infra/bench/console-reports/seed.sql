-- The console-reports benchmark's data set: :n requests received from 2025-12-01 over 365 days (so a yearly report
-- of 2026 covers eleven twelfths of them), three tasks each. Deterministic (ids from md5 of the row number).
-- Mix: jurisdictions CN 3/11, EU (DE, FR, IT, ES) 4/11, GB, US-CA 2/11, BR; types ACCESS 1/3, EXPORT 1/6,
-- DEREGISTER 1/3, WITHDRAW_CONSENT 1/6 (sale-sharing, marketing, personalised-ads); 80 % completed (some late: closed
-- after 0-44 days against a 30-day deadline, one in 20 extended by 60 days), 7 % refused (three reasons), 5 %
-- cancelled, 8 % open (in progress, needs attention, awaiting review). Every open request's alerts are marked raised,
-- so the deadline scanner leaves the seed alone; no task is dispatched, so nothing is escalated. Tasks: crm, orders,
-- keycloak; one crm task in 97 failed, one orders task in 50 superseded by a retry; one in 20 took the worker two
-- attempts, one in 100 three.
set synchronous_commit = off;

insert into rights_request (id, subject_id, subject_locale, jurisdiction, type, status, received_at, due_at, due_date,
    due_zone, regime, due_rule, due_provisional, due_soon_at, extended_at, extension_reason, original_due_at,
    refusal_reason, closed_at, updated_at, purpose, due_soon_raised_at, overdue_raised_at)
select id, 'bench-' || i, 'en', code, type, status, received, due, (due at time zone 'UTC')::date, 'UTC',
       case code when 'CN' then 'PIPL' when 'GB' then 'UK_GDPR' when 'US-CA' then 'CCPA' when 'BR' then 'LGPD'
                 else 'GDPR' end,
       'bench', false, due - interval '5 days',
       case when extended then received + interval '10 days' end,
       case when extended then 'bench: complex request' end,
       case when extended then received + interval '30 days' end,
       case when status = 'REFUSED'
            then (array['Identity could not be verified', 'Manifestly unfounded', 'Legal obligation to retain'])[1 + i % 3]
       end,
       closed, coalesce(closed, received),
       case when type = 'WITHDRAW_CONSENT' then (array['sale-sharing', 'marketing', 'personalised-ads'])[1 + i % 3] end,
       case when closed is null then received end,
       case when closed is null then received end
from (
    select i, id, code, type, status, received, extended,
           received + interval '30 days' + case when extended then interval '60 days' else interval '0' end as due,
           case when status in ('COMPLETED', 'REFUSED', 'CANCELLED')
                then received + ((i * 7) % 45) * interval '1 day' + (i % 24) * interval '1 hour' end as closed
    from (
        select i,
               md5('req' || i)::uuid as id,
               (array['CN', 'CN', 'CN', 'DE', 'FR', 'IT', 'ES', 'GB', 'US-CA', 'US-CA', 'BR'])[1 + i % 11] as code,
               (array['ACCESS', 'ACCESS', 'EXPORT', 'DEREGISTER', 'DEREGISTER', 'WITHDRAW_CONSENT'])[1 + (i / 11) % 6] as type,
               case when i % 100 < 80 then 'COMPLETED' when i % 100 < 87 then 'REFUSED' when i % 100 < 92 then 'CANCELLED'
                    when i % 100 < 96 then 'IN_PROGRESS' when i % 100 < 98 then 'NEEDS_ATTENTION' else 'AWAITING_REVIEW'
               end as status,
               timestamptz '2025-12-01 00:00:00+00' + (i::double precision / :n) * interval '365 days' as received,
               i % 20 = 0 as extended
        from generate_series(1, :n) as i
    ) as base
) as computed;

insert into request_task (id, request_id, system_id, action, phase, status, attempts)
select md5('task' || i || system)::uuid, md5('req' || i)::uuid, system, 'ERASE', 1,
       case when system = 'orders' and i % 50 = 0 then 'SUPERSEDED'
            when system = 'crm' and i % 97 = 0 then 'FAILED'
            when i % 100 >= 92 then 'PLANNED'
            else 'DONE' end,
       case when i % 20 = 0 then 2 when i % 100 = 1 then 3 else 1 end
from generate_series(1, :n) as i cross join unnest(array['crm', 'orders', 'keycloak']) as system;

-- as autovacuum would leave a table this old: statistics and the visibility map (index-only scans) up to date
vacuum (analyze) rights_request;
vacuum (analyze) request_task;
