package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.lifecycle.RequestStore;
import dev.rightsplatform.rights.lifecycle.RightsRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The agents' work queue: requests ordered by due date (then id), filtered, in pages that continue after the last row
 * seen (keyset pagination: a page costs the same however deep it is, and rows do not shift between pages).
 */
@Component
class RequestQueue {

    record Page(List<RightsRequest> items, QueueFilter.Cursor next) {}

    private final DatabaseClient db;
    private final Clock clock;

    RequestQueue(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Mono<Page> page(QueueFilter filter) {
        var where = new StringBuilder(filter.status() == null ? "closed_at is null" : "status = :status");
        var binds = new LinkedHashMap<String, Object>();
        if (filter.status() != null) {
            binds.put("status", filter.status().name());
        }
        if (filter.type() != null) {
            where.append(" and type = :type");
            binds.put("type", filter.type().name());
        }
        if (filter.jurisdiction() != null) {
            where.append(" and jurisdiction = :jurisdiction");
            binds.put("jurisdiction", filter.jurisdiction());
        }
        if (filter.overdue() != null) {
            where.append(filter.overdue() ? " and closed_at is null and due_at < :now" : " and due_at >= :now");
            binds.put("now", clock.instant());
        }
        if (filter.dueBefore() != null) {
            where.append(" and due_at < :dueBefore");
            binds.put("dueBefore", filter.dueBefore());
        }
        if (filter.heldBy() != null) {
            where.append(" and id in (select request_id from request_assignment where holder_id = :heldBy)");
            binds.put("heldBy", filter.heldBy());
        }
        if (filter.unheld()) {
            where.append(" and not exists (select 1 from request_assignment a where a.request_id = rights_request.id)");
        }
        if (filter.after() != null) {
            where.append(" and (due_at, id) > (:afterDueAt, :afterId)");
            binds.put("afterDueAt", filter.after().dueAt());
            binds.put("afterId", filter.after().id());
        }
        var spec = db.sql("select * from rights_request where " + where + " order by due_at, id limit :limit")
                .bind("limit", filter.limit() + 1);
        for (var bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(RequestStore::toRequest).all().collectList().map(rows -> {
            if (rows.size() <= filter.limit()) {
                return new Page(rows, null);
            }
            var page = rows.subList(0, filter.limit());
            var last = page.get(page.size() - 1);
            return new Page(page, new QueueFilter.Cursor(last.deadline().dueAt(), last.id()));
        });
    }
}
