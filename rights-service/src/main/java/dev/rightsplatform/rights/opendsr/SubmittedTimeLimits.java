package dev.rightsplatform.rights.opendsr;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How old a partner's {@code submitted_time} may be. The deadline runs from it, so a partner could otherwise file a
 * request that is overdue on arrival (1970 was accepted, due 1970-02-02). Bound under the same prefix as
 * {@link OpenDsrProperties}, kept in a record of its own so that the intake's rule reads on its own.
 *
 * @param maxSubmittedAge {@code rights.opendsr.max-submitted-age}: the oldest {@code submitted_time} accepted, counted
 *                        back from now (default 30 days); never before 2000 whatever it says
 */
@ConfigurationProperties("rights.opendsr")
record SubmittedTimeLimits(Duration maxSubmittedAge) {

    SubmittedTimeLimits {
        if (maxSubmittedAge == null) {
            maxSubmittedAge = Duration.ofDays(30);
        }
        if (maxSubmittedAge.isNegative() || maxSubmittedAge.isZero()) {
            throw new IllegalStateException("rights.opendsr.max-submitted-age must be positive, such as 30d");
        }
    }
}
