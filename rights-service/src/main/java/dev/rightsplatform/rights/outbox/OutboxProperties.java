package dev.rightsplatform.rights.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox relay works.
 *
 * @param pollInterval   how often the relay looks for due messages when nothing woke it
 * @param batchSize      how many messages one relay transaction claims and publishes
 * @param publishTimeout how long to wait for the broker's confirm before treating a publish as failed
 * @param maxBackoff     the longest wait between two attempts at a message the broker refused or did not route
 * @param retention      how long a published row (ids and times only: its payload is cleared on publish) is kept
 *                       before {@link OutboxRetention} deletes it
 */
@Validated
@ConfigurationProperties("rights.outbox")
public record OutboxProperties(
        @NotNull Duration pollInterval,
        @Min(1) @Max(1000) int batchSize,
        @NotNull Duration publishTimeout,
        @NotNull Duration maxBackoff,
        @DefaultValue("7d") Duration retention) {}
