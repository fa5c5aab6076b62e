package dev.rightsplatform.rights.lifecycle;

import dev.rightsplatform.rights.deadline.ComputedDeadline;
import dev.rightsplatform.rights.deadline.DeadlineEngine;
import dev.rightsplatform.rights.deadline.DeadlineKind;
import dev.rightsplatform.rights.deadline.DeadlineQuery;
import dev.rightsplatform.rights.lifecycle.RightsRequest.Deadline;
import dev.rightsplatform.rights.type.RequestType;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The request lifecycle's door to the {@link DeadlineEngine}: speaks in request types and the lifecycle's
 * {@link Deadline}. It lives on the request side so that the deadline engine knows nothing of requests.
 */
@Component
class DeadlinePolicy {

    private final DeadlineEngine engine;

    DeadlinePolicy(DeadlineEngine engine) {
        this.engine = engine;
    }

    /** The first deadline of a request received now, under the law of {@code jurisdiction} (ISO 3166 code). */
    Deadline dueDateFor(RequestType type, String jurisdiction, Instant receivedAt) {
        return toDeadline(engine.compute(DeadlineQuery.of(jurisdiction, DeadlineKind.of(type), receivedAt)));
    }

    /** The deadline once the person's identity is verified: rules whose clock starts at verification restart it. */
    Deadline dueDateFor(RequestType type, String jurisdiction, Instant receivedAt, Instant verifiedAt) {
        return toDeadline(engine.compute(DeadlineQuery.of(jurisdiction, DeadlineKind.of(type), receivedAt)
                .verifiedAt(verifiedAt)));
    }

    /**
     * The deadline after the one extension the policy allows, recomputed from receipt rather than added to
     * {@code current}, so it always follows the rule; throws an {@code ApiException} of type EXTENSION_NOT_ALLOWED
     * when the rule allows none.
     */
    Deadline extensionOf(RequestType type, String jurisdiction, Instant receivedAt, Deadline current) {
        return toDeadline(engine.extend(DeadlineQuery.of(jurisdiction, DeadlineKind.of(type), receivedAt)));
    }

    /** The shape the request lifecycle stores. */
    static Deadline toDeadline(ComputedDeadline computed) {
        return new Deadline(
                computed.dueAt(),
                computed.dueDate(),
                computed.zone().getId(),
                computed.regime(),
                computed.rule(),
                computed.ruleZh(),
                computed.provisional(),
                computed.dueSoonAt());
    }
}
