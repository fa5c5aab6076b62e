package dev.rightsplatform.rights.lifecycle;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How deregistrations run.
 *
 * @param coolingOff how long the account stays disabled, cancellable by the person, before erasure starts (0: none)
 * @param onBlocked  what a pre-check that says "not yet" does: REFUSE with the system's reason, or WAIT for an agent
 */
@ConfigurationProperties("rights.deregistration")
record DeregistrationProperties(Duration coolingOff, OnBlocked onBlocked) {

    enum OnBlocked {
        REFUSE,
        WAIT
    }

    DeregistrationProperties {
        coolingOff = coolingOff == null ? Duration.ZERO : coolingOff;
        onBlocked = onBlocked == null ? OnBlocked.WAIT : onBlocked;
        if (coolingOff.isNegative()) {
            throw new IllegalStateException("rights.deregistration.cooling-off must not be negative");
        }
    }
}
