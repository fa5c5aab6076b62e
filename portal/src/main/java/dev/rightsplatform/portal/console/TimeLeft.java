package dev.rightsplatform.portal.console;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How long until a request's due time, as the queue shows it: whole days and hours, or how long it has been overdue.
 * {@code key} and {@code days}/{@code hours} fill a message in the agent's language; {@code tone} colours the cell.
 *
 * @param key   {@code console.left}, {@code console.overdue} or {@code console.noDue}
 * @param tone  {@code ok}, {@code soon} (under three days) or {@code late}
 */
record TimeLeft(String key, long days, long hours, String tone) {

    private static final Duration SOON = Duration.ofDays(3);

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
