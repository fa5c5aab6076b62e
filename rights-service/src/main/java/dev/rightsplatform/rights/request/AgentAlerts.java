package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.lifecycle.LifecycleEvent;
import dev.rightsplatform.rights.web.ApiException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The recent alerts for agents, newest first: read from the audit trail, which already records each alert once, in the
 * transaction that raised it (review required, needs attention, due soon, overdue, a system overdue). Nothing is
 * stored twice; a partial index (V15) keeps the read cheap however long the trail grows. Pages continue before the
 * last entry seen (keyset on the audit entry's sequence number). No personal data: the audit trail holds none.
 */
@Component
class AgentAlerts {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    /** The alert kinds, in the order the console lists its legend. */
    static final List<LifecycleEvent> KINDS = List.of(
            LifecycleEvent.REVIEW_REQUIRED,
            LifecycleEvent.NEEDS_ATTENTION,
            LifecycleEvent.DUE_SOON,
            LifecycleEvent.OVERDUE,
            LifecycleEvent.TASK_OVERDUE);

    /**
     * One alert: which request, what kind, when, and the system it is about (the late system, or the one whose task
     * failed for good or that blocked the request), when there is one. {@code cursor} continues the list after it.
     */
    record Alert(
            long cursor,
            UUID requestId,
            String kind,
            Instant at,
            @Nullable String systemId,
            @Nullable String requestType,
            @Nullable String status) {}

    /** One page; {@code next} is the {@code before} of the following page, null on the last. */
    record Page(List<Alert> items, @Nullable Long next) {}

    private final DatabaseClient db;

    AgentAlerts(DatabaseClient db) {
        this.db = db;
    }

    Mono<Page> page(@Nullable Long before, int limit) {
        // The action list must match the partial index's predicate (V15) for the planner to use it.
        return db.sql("""
                        select a.seq, a.request_id, a.action, a.occurred_at,
                               coalesce(a.detail::jsonb ->> 'systemId', a.detail::jsonb ->> 'blockedBy') as system_id,
                               r.type, r.status
                          from audit_entry a
                          left join rights_request r on r.id = a.request_id
                         where a.action in ('request.review-required', 'request.needs-attention', 'request.due-soon',
                                            'request.overdue', 'request.task-overdue')
                           and a.request_id is not null
                           and a.seq < :before
                         order by a.seq desc
                         limit :limit""")
                .bind("before", before == null ? Long.MAX_VALUE : before)
                .bind("limit", limit + 1)
                .map(row -> new Alert(
                        row.get("seq", Long.class),
                        row.get("request_id", UUID.class),
                        kindOf(row.get("action", String.class)),
                        row.get("occurred_at", Instant.class),
                        row.get("system_id", String.class),
                        row.get("type", String.class),
                        row.get("status", String.class)))
                .all()
                .collectList()
                .map(rows -> rows.size() <= limit
                        ? new Page(rows, null)
                        : new Page(rows.subList(0, limit), rows.get(limit - 1).cursor()));
    }

    /** The limit asked for, checked: between 1 and {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent. */
    static int limit(@Nullable Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }

    /** The cursor asked for, checked: a positive number. */
    static @Nullable Long before(@Nullable Long requested) {
        if (requested != null && requested < 1) {
            throw ApiException.invalidField("before", "must be a positive number");
        }
        return requested;
    }

    /** The kind's name, e.g. {@code DUE_SOON}, from the audit action {@code request.due-soon}. */
    private static String kindOf(String action) {
        return Arrays.stream(LifecycleEvent.values())
                .filter(event -> event.type().equals(action))
                .findFirst()
                .map(Enum::name)
                .orElse(action);
    }
}
