package dev.rightsplatform.rights.lifecycle;

import dev.rightsplatform.rights.type.RequestType;
import dev.rightsplatform.rights.web.ContentLanguage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A person's request and its lifecycle. Each transition checks the current state, and returns the request in its
 * next state with the events it caused (the ftgo style, STYLE.md); a step the state does not allow throws
 * {@link IllegalTransitionException}. Persistence and messaging happen elsewhere.
 */
public record RightsRequest(
        UUID id,
        Subject subject,
        RequestType type,
        RequestStatus status,
        Instant receivedAt,
        Deadline deadline,
        @Nullable Extension extension,
        @Nullable String refusalReason,
        @Nullable Instant closedAt,
        @Nullable String purpose) {

    /** States from which a request may be refused: no downstream system has acted yet, or one said it cannot. */
    private static final Set<RequestStatus> REFUSABLE = EnumSet.of(
            RequestStatus.RECEIVED,
            RequestStatus.AWAITING_VERIFICATION,
            RequestStatus.AWAITING_REVIEW,
            RequestStatus.NEEDS_ATTENTION);
    /** States from which a request may be cancelled: nothing has been erased yet. */
    private static final Set<RequestStatus> CANCELLABLE = EnumSet.of(
            RequestStatus.RECEIVED,
            RequestStatus.AWAITING_VERIFICATION,
            RequestStatus.AWAITING_REVIEW,
            RequestStatus.COOLING_OFF);

    /** A request accepted now: RECEIVED, with the event that says so. */
    public static Transition receive(
            UUID id, Subject subject, RequestType type, Instant receivedAt, Deadline deadline) {
        return receive(id, subject, type, receivedAt, deadline, null);
    }

    /** {@code purpose}: the consent purpose a WITHDRAW_CONSENT request carries to the systems; null for other types. */
    public static Transition receive(
            UUID id,
            Subject subject,
            RequestType type,
            Instant receivedAt,
            Deadline deadline,
            @Nullable String purpose) {
        if ((type == RequestType.WITHDRAW_CONSENT) != (purpose != null)) {
            throw new IllegalArgumentException("a consent withdrawal, and only a withdrawal, names a purpose");
        }
        return new Transition(
                new RightsRequest(
                        id, subject, type, RequestStatus.RECEIVED, receivedAt, deadline, null, null, null, purpose),
                List.of(LifecycleEvent.RECEIVED));
    }

    /** Submitted without a login: the person must prove who they are first. */
    public Transition awaitVerification() {
        return move(
                "await identity verification",
                EnumSet.of(RequestStatus.RECEIVED),
                RequestStatus.AWAITING_VERIFICATION,
                LifecycleEvent.VERIFICATION_REQUIRED);
    }

    /** The person proved who they are; the request continues as if submitted with a login. */
    public Transition verified() {
        return move(
                "be verified",
                EnumSet.of(RequestStatus.AWAITING_VERIFICATION),
                RequestStatus.RECEIVED,
                LifecycleEvent.VERIFIED);
    }

    /** The operator requires an agent's approval for this type. */
    public Transition awaitReview() {
        return move(
                "await review",
                EnumSet.of(RequestStatus.RECEIVED),
                RequestStatus.AWAITING_REVIEW,
                LifecycleEvent.REVIEW_REQUIRED);
    }

    /** Work begins: the first tasks go out. */
    public Transition start() {
        return move("start", EnumSet.of(RequestStatus.RECEIVED), RequestStatus.IN_PROGRESS, LifecycleEvent.STARTED);
    }

    /** An agent approved the request; work begins. */
    public Transition approve() {
        return move(
                "be approved",
                EnumSet.of(RequestStatus.AWAITING_REVIEW),
                RequestStatus.IN_PROGRESS,
                LifecycleEvent.APPROVED);
    }

    /** Deregistration: the account is disabled and the person has time to change their mind. */
    public Transition startCoolingOff() {
        requireType(RequestType.DEREGISTER, "cool off");
        return move(
                "start cooling off",
                EnumSet.of(RequestStatus.IN_PROGRESS),
                RequestStatus.COOLING_OFF,
                LifecycleEvent.COOLING_OFF_STARTED);
    }

    /** The cooling-off period is over: erasure starts. */
    public Transition endCoolingOff() {
        return move(
                "end cooling off",
                EnumSet.of(RequestStatus.COOLING_OFF),
                RequestStatus.IN_PROGRESS,
                LifecycleEvent.COOLING_OFF_ENDED);
    }

    /** A downstream system failed or cannot act yet. */
    public Transition flagForAttention() {
        return move(
                "be flagged for attention",
                EnumSet.of(RequestStatus.IN_PROGRESS),
                RequestStatus.NEEDS_ATTENTION,
                LifecycleEvent.NEEDS_ATTENTION);
    }

    /** An agent retried what failed: work goes on. */
    public Transition resume() {
        return move(
                "resume", EnumSet.of(RequestStatus.NEEDS_ATTENTION), RequestStatus.IN_PROGRESS, LifecycleEvent.RESUMED);
    }

    /** Every downstream system has done its part. */
    public Transition complete(Instant at) {
        var moved = move(
                "complete", EnumSet.of(RequestStatus.IN_PROGRESS), RequestStatus.COMPLETED, LifecycleEvent.COMPLETED);
        return new Transition(moved.request().withClosedAt(at), moved.events());
    }

    /** Refused, with a reason the person will be told. */
    public Transition refuse(@Nullable String reason, Instant at) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a refusal needs a reason");
        }
        var moved = move("be refused", REFUSABLE, RequestStatus.REFUSED, LifecycleEvent.REFUSED);
        var refused = moved.request();
        return new Transition(
                new RightsRequest(
                        id, subject, type, refused.status(), receivedAt, deadline, extension, reason, at, purpose),
                moved.events());
    }

    /** Withdrawn by the person, or cancelled by an agent, before anything was erased. */
    public Transition cancel(Instant at) {
        var moved = move("be cancelled", CANCELLABLE, RequestStatus.CANCELLED, LifecycleEvent.CANCELLED);
        return new Transition(moved.request().withClosedAt(at), moved.events());
    }

    /**
     * Extends the deadline: once, while the request is open and before its original deadline has passed, with a
     * reason the person is told (GDPR Art. 12(3), CCPA §7021(b)).
     */
    public Transition extend(Deadline extended, @Nullable String reason, Instant at) {
        if (!status.isOpen()) {
            throw new IllegalTransitionException(id, status, "be extended");
        }
        if (extension != null) {
            throw new IllegalTransitionException(id, status, "be extended a second time");
        }
        if (at.isAfter(deadline.dueAt())) {
            throw new IllegalTransitionException(id, status, "be extended after its deadline passed");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an extension needs a reason");
        }
        var next = new RightsRequest(
                id,
                subject,
                type,
                status,
                receivedAt,
                extended,
                new Extension(at, reason, deadline.dueAt()),
                refusalReason,
                closedAt,
                purpose);
        return new Transition(next, List.of(LifecycleEvent.EXTENDED));
    }

    /** Replaces a provisional deadline once the calendar data it lacked has arrived. */
    public RightsRequest withRecomputedDeadline(Deadline recomputed) {
        return new RightsRequest(
                id, subject, type, status, receivedAt, recomputed, extension, refusalReason, closedAt, purpose);
    }

    private Transition move(String step, Set<RequestStatus> from, RequestStatus to, LifecycleEvent event) {
        if (!from.contains(status)) {
            throw new IllegalTransitionException(id, status, step);
        }
        return new Transition(
                new RightsRequest(
                        id, subject, type, to, receivedAt, deadline, extension, refusalReason, closedAt, purpose),
                List.of(event));
    }

    private void requireType(RequestType required, String step) {
        if (type != required) {
            throw new IllegalTransitionException(id, status, step + " (only " + required + " requests do)");
        }
    }

    private RightsRequest withClosedAt(Instant at) {
        return new RightsRequest(
                id, subject, type, status, receivedAt, deadline, extension, refusalReason, at, purpose);
    }

    /** The request in its next state, and what happened. */
    public record Transition(RightsRequest request, List<LifecycleEvent> events) {}

    /** Who the request is about: the account id, where and in which language to reach them, and their jurisdiction. */
    public record Subject(
            String id,
            @Nullable String email,
            @Nullable String locale,
            @Nullable String jurisdiction) {

        /** Subject ids of requests submitted by e-mail address, until an agent links the account. */
        public static final String EMAIL_PREFIX = "email:";

        /** Submitted without a login and not linked to an account yet. */
        public boolean verifiedByEmail() {
            return id.startsWith(EMAIL_PREFIX);
        }
    }

    /**
     * When the request must be answered: the instant (end of the due day in the jurisdiction's zone), the local date,
     * the regime and rule that set it (in English, and in Simplified Chinese as {@code ruleZh}: null when the policy has
     * no Chinese text, or for a request stored before there were any), whether it is provisional (calendar data was
     * missing), and when agents are warned that it is due soon.
     */
    public record Deadline(
            Instant dueAt,
            @Nullable LocalDate dueDate,
            String zone,
            String regime,
            String rule,
            @Nullable String ruleZh,
            boolean provisional,
            @Nullable Instant dueSoonAt) {

        /** A deadline whose rule is in English only. */
        public Deadline(
                Instant dueAt,
                LocalDate dueDate,
                String zone,
                String regime,
                String rule,
                boolean provisional,
                Instant dueSoonAt) {
            this(dueAt, dueDate, zone, regime, rule, null, provisional, dueSoonAt);
        }

        /** The rule in {@code language} (a {@code ContentLanguage} constant): Chinese where there is a Chinese text. */
        public String rule(String language) {
            return ContentLanguage.isChinese(language) && ruleZh != null ? ruleZh : rule;
        }
    }

    /** An extension granted once: when, why, and the deadline it replaced. */
    public record Extension(Instant extendedAt, String reason, Instant originalDueAt) {}
}
