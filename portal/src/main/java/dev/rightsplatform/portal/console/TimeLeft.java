package dev.rightsplatform.portal.console;

import dev.rightsplatform.portal.api.Request;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How long until a request's due day, as the queue shows it. rights-service counts it as the request's rule does
 * (working days for China's 15 working days: weekends and holidays skipped, make-up working days counted; calendar days
 * otherwise) and says when the rule's warning time has begun; the console only words and colours it. Without that count
 * (an answer of an older rights-service) it falls back to whole days and hours to the due instant.
 * {@code key} and {@code days}/{@code hours} fill a message in the agent's language; {@code tone} colours the cell.
 *
 * @param key  {@code console.leftWorking}, {@code console.leftCalendar}, {@code console.overdueWorking},
 *             {@code console.overdueCalendar}, {@code console.left}, {@code console.overdue} or {@code console.noDue}
 * @param tone {@code ok}, {@code soon} (the rule's due-soon time has begun) or {@code late}
 */
record TimeLeft(String key, long days, long hours, String tone) {

    private static final Duration SOON = Duration.ofDays(3);

    static TimeLeft of(Request request, Instant now) {
        var counted = request.timeLeft();
        if (counted == null || request.isFinal() || request.dueAt() == null) {
            return of(request.dueAt(), now, request.isFinal());
        }
        var working = "WORKING_DAYS".equals(counted.counting());
        var key = counted.overdue()
                ? working ? "console.overdueWorking" : "console.overdueCalendar"
                : working ? "console.leftWorking" : "console.leftCalendar";
        return new TimeLeft(
                key, Math.abs(counted.days()), 0, counted.overdue() ? "late" : counted.dueSoon() ? "soon" : "ok");
    }

    static TimeLeft of(@Nullable Instant dueAt, Instant now, boolean closed) {
        if (dueAt == null || closed) {
            return new TimeLeft("console.noDue", 0, 0, "ok");
        }
        var left = Duration.between(now, dueAt);
        var overdue = left.isNegative();
        var span = left.abs();
        return new TimeLeft(
                overdue ? "console.overdue" : "console.left",
                span.toDays(),
                span.toHoursPart(),
                overdue ? "late" : left.compareTo(SOON) < 0 ? "soon" : "ok");
    }
}
