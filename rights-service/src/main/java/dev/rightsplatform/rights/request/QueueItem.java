package dev.rightsplatform.rights.request;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;

/**
 * A request as the agent API shows it: the view every caller gets, plus who holds it and how much time it has left as
 * its rule counts.
 *
 * @param heldBy   the agent holding it, null when nobody does
 * @param timeLeft null once the request is closed
 */
record QueueItem(
        @JsonUnwrapped RequestView request,
        Assignments.@Nullable Holder heldBy,
        @Nullable TimeLeftView timeLeft) {

    /**
     * Days until the due day in the jurisdiction's zone, counted as the rule counts: {@code WORKING_DAYS} (weekends and
     * holidays skipped; China's make-up working days counted) or {@code CALENDAR_DAYS}; negative once overdue.
     * {@code dueSoon}: the rule's configured warning time before the due date has begun (and it is not overdue yet).
     */
    record TimeLeftView(String counting, long days, boolean overdue, boolean dueSoon) {}
}
