package dev.rightsplatform.notification.event;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every lifecycle event the contract names, by its wire name (the RequestEvent "type" and the routing key), and who
 * it is for. The person is told by e-mail; events for agents become an alert mail to the privacy team's address
 * ({@code notification.agents.address}). A new kind of event is a new constant here plus a template per locale under
 * {@code mail/<locale>/}: {@code request-<kind>.txt} for the person, {@code agent-request-<kind>.txt} for agents.
 */
public enum EventType {
    RECEIVED("request.received", Audience.PERSON),
    /**
     * The one-time code for a request made without a login, proving the person controls the address it names.
     * Carries {@code code} and {@code codeExpiresAt}, which must never be logged or stored.
     */
    VERIFICATION_CODE("request.verification-code", Audience.PERSON),
    REVIEW_REQUIRED("request.review-required", Audience.AGENT),
    COOLING_OFF_STARTED("request.cooling-off-started", Audience.PERSON),
    NEEDS_ATTENTION("request.needs-attention", Audience.AGENT),
    EXTENDED("request.extended", Audience.PERSON),
    COMPLETED("request.completed", Audience.PERSON),
    /**
     * An export's archive is built (published besides request.completed): the person may download it, signed in,
     * until {@code availableUntil}, when it is deleted. The mail carries no download link, only the request's page
     * in the portal: download links are issued only to the signed-in owner, and live minutes.
     */
    EXPORT_READY("request.export-ready", Audience.PERSON),
    REFUSED("request.refused", Audience.PERSON),
    CANCELLED("request.cancelled", Audience.PERSON),
    DUE_SOON("request.due-soon", Audience.AGENT),
    OVERDUE("request.overdue", Audience.AGENT),
    /** One downstream system did not answer by its own due time; {@code systemId} names it. */
    TASK_OVERDUE("request.task-overdue", Audience.AGENT);

    /** Who must hear about an event (the contract's description of RequestEvent.type says which are whose). */
    public enum Audience {
        PERSON,
        AGENT
    }

    private final String wireName;

    private final Audience audience;

    EventType(String wireName, Audience audience) {
        this.wireName = wireName;
        this.audience = audience;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isForPerson() {
        return audience == Audience.PERSON;
    }

    /**
     * The name of the template files that tell the person about this event, e.g. {@code request-refused}. Asking
     * for it on an agent's event is a bug: no template exists, and the person must not be mailed about it.
     */
    public String template() {
        if (!isForPerson()) {
            throw new IllegalStateException(wireName + " is for agents: there is no template for the person");
        }
        return wireName.replace('.', '-');
    }

    /**
     * The name of the template files that alert agents to this event, e.g. {@code agent-request-due-soon}. Asking for
     * it on the person's event is a bug: the team is not mailed about what the person is told.
     */
    public String alertTemplate() {
        if (isForPerson()) {
            throw new IllegalStateException(wireName + " is for the person: there is no alert for agents");
        }
        return "agent-" + wireName.replace('.', '-');
    }

    static Optional<EventType> fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(type -> type.wireName.equals(wireName))
                .findFirst();
    }
}
