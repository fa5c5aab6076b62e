package dev.rightsplatform.rights.deadline;

import dev.rightsplatform.rights.request.RequestType;
import dev.rightsplatform.rights.request.RightsRequest.Deadline;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The request lifecycle's door to the {@link DeadlineEngine}: speaks in request types and the lifecycle's
 * {@link Deadline}. Callers that know more (identity verified, clock stopped) use the engine's queries directly.
 */
@Component
public class DeadlinePolicy {

    private final DeadlineEngine engine;

    DeadlinePolicy(DeadlineEngine engine) {
        this.engine = engine;
    }

    /** The first deadline of a request received now, under the law of {@code jurisdiction} (ISO 3166 code). */
    public Deadline dueDateFor(RequestType type, String jurisdiction, Instant receivedAt) {
        return engine.compute(DeadlineQuery.of(jurisdiction, DeadlineKind.of(type), receivedAt))
                .asRequestDeadline();
    }

    /** The deadline once the person's identity is verified: rules whose clock starts at verification restart it. */
    public Deadline dueDateFor(RequestType type, String jurisdiction, Instant receivedAt, Instant verifiedAt) {
        return engine.compute(DeadlineQuery.of(jurisdiction, DeadlineKind.of(type), receivedAt)
                        .verifiedAt(verifiedAt))
                .asRequestDeadline();
    }

    /**
     * The deadline after the one extension the policy allows, recomputed from receipt rather than added to
     * {@code current}, so it always follows the rule; throws an {@code ApiException} of type EXTENSION_NOT_ALLOWED
     * when the rule allows none.
     */
    public Deadline extensionOf(RequestType type, String jurisdiction, Instant receivedAt, Deadline current) {
        return engine.extend(DeadlineQuery.of(jurisdiction, DeadlineKind.of(type), receivedAt))
                .asRequestDeadline();
    }
}
