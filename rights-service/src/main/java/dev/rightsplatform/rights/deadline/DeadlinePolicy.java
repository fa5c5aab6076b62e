package dev.rightsplatform.rights.deadline;

import dev.rightsplatform.rights.request.RequestType;
import dev.rightsplatform.rights.request.RightsRequest.Deadline;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Decides when a request must be answered. Today: the operator's default period, named in the rule so that every
 * request says how its due date was set; the statutory engine (jurisdictions, working days) replaces the body.
 */
@Component
public class DeadlinePolicy {

    private final DeadlineProperties properties;

    DeadlinePolicy(DeadlineProperties properties) {
        this.properties = properties;
    }

    public Deadline dueDateFor(RequestType type, String jurisdiction, Instant receivedAt) {
        var period = properties.defaultPeriod();
        var dueAt = receivedAt.plus(period);
        return new Deadline(dueAt, dueAt.atZone(java.time.ZoneOffset.UTC).toLocalDate(), "UTC", "DEFAULT",
                "operator-default: " + period + " from receipt", false);
    }
}
