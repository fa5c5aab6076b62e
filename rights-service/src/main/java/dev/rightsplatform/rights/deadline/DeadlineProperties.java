package dev.rightsplatform.rights.deadline;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Deadline settings.
 *
 * @param defaultPeriod the period every request gets until statutory rules per jurisdiction are configured
 */
@Validated
@ConfigurationProperties("rights.deadline")
public record DeadlineProperties(@NotNull Duration defaultPeriod) {
}
