package dev.rightsplatform.rights.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox and its AMQP relay work ({@code rights.outbox.*}).
 *
 * @param pollInterval    how often the relay looks for due messages when nothing woke it
 * @param batchSize       how many messages one claim takes and one publish sends
 * @param publishTimeout  how long to wait for the broker's confirm before treating a publish as failed; a claim's
 *                        lease is three of these, so a relay that dies has its messages published again that much later
 * @param maxBackoff      the longest wait between two attempts at a message the broker refused or did not route
 * @param maxAttempts     attempts at one message (the broker refused it, did not route it or did not confirm it)
 *                        before it is FAILED; an outage of the whole broker counts none
 * @param retention       how long a published row (ids and times only: its payload is cleared on publish) is kept
 *                        before {@link OutboxRetention} deletes it, whatever its channel
 * @param failedRetention how long a FAILED row is kept for agents to see and resubmit before it is deleted
 */
@Validated
@ConfigurationProperties("rights.outbox")
public record OutboxProperties(
        @NotNull Duration pollInterval,
        @Min(1) @Max(1000) int batchSize,
        @NotNull Duration publishTimeout,
        @NotNull Duration maxBackoff,
        @DefaultValue("30") @Min(1) int maxAttempts,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("30d") Duration failedRetention) {}
