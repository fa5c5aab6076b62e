package dev.rightsplatform.rights.lifecycle;

/**
 * What a lifecycle transition caused. Each maps to an audit action and, where someone must be told, to a
 * RequestEvent type on {@code rights.events} (infra/asyncapi.yaml).
 */
public enum LifecycleEvent {
    RECEIVED("request.received", true),
    VERIFICATION_REQUIRED("request.verification-required", false),
    VERIFIED("request.verified", false),
    REVIEW_REQUIRED("request.review-required", true),
    STARTED("request.started", false),
    APPROVED("request.approved", false),
    COOLING_OFF_STARTED("request.cooling-off-started", true),
    COOLING_OFF_ENDED("request.cooling-off-ended", false),
    NEEDS_ATTENTION("request.needs-attention", true),
    RESUMED("request.resumed", false),
    EXTENDED("request.extended", true),
    COMPLETED("request.completed", true),
    /** An export's archive is built: the person may download it until it expires. */
    EXPORT_READY("request.export-ready", true),
    REFUSED("request.refused", true),
    CANCELLED("request.cancelled", true),
    DUE_SOON("request.due-soon", true),
    OVERDUE("request.overdue", true),
    /** One system has not answered by its own due time (its SLA): escalated to agents. */
    TASK_OVERDUE("request.task-overdue", true);

    private final String type;
    private final boolean published;

    LifecycleEvent(String type, boolean published) {
        this.type = type;
        this.published = published;
    }

    /** The event's name: the audit action, and the routing key and {@code type} of its RequestEvent message. */
    public String type() {
        return type;
    }

    /** Whether a RequestEvent goes out (someone must be told); the others are recorded in the audit trail only. */
    public boolean published() {
        return published;
    }
}
