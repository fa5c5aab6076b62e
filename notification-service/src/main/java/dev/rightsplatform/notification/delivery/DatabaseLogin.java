package dev.rightsplatform.notification.delivery;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Refuses to start without the database password, which comes only from the environment. Spring Boot itself would
 * carry on with an empty one, and a database that trusts local connections would even accept it.
 *
 * @param password the {@code notification} login's password, from {@code NOTIFICATION_DB_PASSWORD}
 */
@Validated
@ConfigurationProperties("spring.r2dbc")
record DatabaseLogin(
        @NotBlank(message = "is missing: set the environment variable NOTIFICATION_DB_PASSWORD")
        String password) {}
