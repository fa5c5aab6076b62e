package dev.rightsplatform.rights.deadline;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Deadline settings. The statutory policies and jurisdictions under {@code rights.deadline.policies} and
 * {@code rights.deadline.jurisdictions} are bound by {@link DeadlineCatalog}, over the defaults it ships; whose law
 * applies to a request is {@code rights.default-jurisdiction}, decided by the request lifecycle.
 *
 * @param chinaCalendarDir optional directory of further China calendar files ({@code .holidays} or holiday-cn
 *                         {@code .json}), read at start-up; a file there replaces the shipped one of its year
 */
@ConfigurationProperties("rights.deadline")
public record DeadlineProperties(@Nullable Path chinaCalendarDir) {}
