package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.deadline.DeadlineEngine;
import dev.rightsplatform.rights.deadline.DeadlineKind;
import dev.rightsplatform.rights.lifecycle.RightsRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Builds {@link QueueItem}s: the request's view, its holder (one query for a whole page), its time left. */
@Component
class QueueItems {

    private final RequestViews views;
    private final Assignments assignments;
    private final DeadlineEngine deadlines;
    private final Clock clock;

    QueueItems(RequestViews views, Assignments assignments, DeadlineEngine deadlines, Clock clock) {
        this.views = views;
        this.assignments = assignments;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    Mono<List<QueueItem>> of(List<RightsRequest> requests) {
        // the page's views in two queries (RequestViews.ofPage), not two per request, in the page's order
        return assignments
                .holdersOf(requests.stream().map(RightsRequest::id).toList())
                .zipWith(views.ofPage(requests))
                .map(both -> {
                    var items = new java.util.ArrayList<QueueItem>(requests.size());
                    for (int i = 0; i < requests.size(); i++) {
                        var request = requests.get(i);
                        items.add(
                                new QueueItem(both.getT2().get(i), both.getT1().get(request.id()), timeLeft(request)));
                    }
                    return items;
                });
    }

    Mono<QueueItem> of(RightsRequest request) {
        return of(List.of(request)).map(items -> items.get(0));
    }

    private QueueItem.@Nullable TimeLeftView timeLeft(RightsRequest request) {
        if (request.closedAt() != null) {
            return null;
        }
        var deadline = request.deadline();
        var now = clock.instant();
        var zone = zone(deadline.zone());
        var today = LocalDate.ofInstant(now, zone);
        var dueDate = deadline.dueDate() != null ? deadline.dueDate() : LocalDate.ofInstant(deadline.dueAt(), zone);
        var jurisdiction = request.subject().jurisdiction();
        var left = jurisdiction == null
                ? new dev.rightsplatform.rights.deadline.TimeLeft(
                        dev.rightsplatform.rights.deadline.Counting.CALENDAR_DAYS,
                        java.time.temporal.ChronoUnit.DAYS.between(today, dueDate))
                : deadlines.timeLeft(
                        jurisdiction, DeadlineKind.of(request.type()), request.extension() != null, today, dueDate);
        var overdue = now.isAfter(deadline.dueAt());
        var dueSoon = !overdue && deadline.dueSoonAt() != null && !now.isBefore(deadline.dueSoonAt());
        return new QueueItem.TimeLeftView(left.counting().name(), left.days(), overdue, dueSoon);
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            return java.time.ZoneOffset.UTC;
        }
    }
}
