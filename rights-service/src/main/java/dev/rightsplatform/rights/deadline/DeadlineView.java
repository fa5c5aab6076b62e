package dev.rightsplatform.rights.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The JSON answer of {@code GET /api/v1/deadlines}; fields as in {@link ComputedDeadline}. */
record DeadlineView(
        String jurisdiction,
        String regime,
        DeadlineKind type,
        String zone,
        Instant clockStartedAt,
        boolean awaitingVerification,
        LocalDate dueDate,
        Instant dueAt,
        String rule,
        String source,
        boolean provisional,
        List<Integer> yearsWithoutData,
        Instant dueSoonAt,
        boolean extensionAllowed,
        @Nullable Extension extension,
        ComputedDeadline.@Nullable Milestone acknowledgement) {

    static DeadlineView of(ComputedDeadline deadline, @Nullable ComputedDeadline extended) {
        return new DeadlineView(deadline.jurisdiction(), deadline.regime(), deadline.kind(), deadline.zone().getId(),
                deadline.clockStartedAt(), deadline.awaitingVerification(), deadline.dueDate(), deadline.dueAt(),
                deadline.rule(), deadline.source(), deadline.provisional(), deadline.yearsWithoutData(),
                deadline.dueSoonAt(), deadline.extensionAllowed(),
                extended == null ? null : new Extension(String.valueOf(deadline.extensionAllowance()), extended.dueDate(),
                        extended.dueAt(), extended.rule(), extended.provisional()),
                deadline.acknowledgement());
    }

    /** What the deadline becomes if the operator extends it. */
    record Extension(String allowance, LocalDate dueDate, Instant dueAt, String rule, boolean provisional) {
    }
}
