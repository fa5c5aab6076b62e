package dev.rightsplatform.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes messages and tells, per message, whether RabbitMQ confirmed it and routed it to at least one queue; a
 * message the broker refused, returned as unroutable or did not confirm in time is not sent. Every service publishes
 * through this (rights-service's outbox relay, deletion-worker's results and retry copies, notification-service's
 * retry copies), so "sent" means the same everywhere.
 * <p>
 * The template must have correlated publisher confirms, publisher returns and mandatory publishing: the constructor
 * refuses to build otherwise and names the setting. A batch goes out on one channel, in order: the broker keeps the
 * order of what is published on one channel, not across the template's cached channels.
 * <p>
 * Two shapes, one meaning: {@link #publishAndWait} blocks until every confirm (callers run it off the event loop);
 * {@link #send} only sends, for a caller that waits on each {@link Sent#confirm()} future itself and then asks
 * {@link #failure} for the verdict.
 */
public final class ConfirmedPublishing {

    private final RabbitTemplate rabbit;
    private final Duration confirmTimeout;

    public ConfirmedPublishing(RabbitTemplate rabbit, Duration confirmTimeout) {
        requireConfirmsAndReturns(rabbit);
        if (confirmTimeout.isNegative() || confirmTimeout.isZero()) {
            throw new IllegalStateException("the publisher confirm timeout must be positive, was " + confirmTimeout);
        }
        this.rabbit = rabbit;
        this.confirmTimeout = confirmTimeout;
    }

    /** Fails fast, naming the setting, unless the template counts only confirmed and routed messages as sent. */
    public static void requireConfirmsAndReturns(RabbitTemplate rabbit) {
        var connections = rabbit.getConnectionFactory();
        if (!connections.isPublisherConfirms()) {
            throw new IllegalStateException("spring.rabbitmq.publisher-confirm-type must be 'correlated': a message"
                    + " counts as sent only once RabbitMQ confirmed it");
        }
        if (!connections.isPublisherReturns() || !rabbit.isMandatoryFor(new Message(new byte[0]))) {
            throw new IllegalStateException("spring.rabbitmq.publisher-returns and spring.rabbitmq.template.mandatory"
                    + " must be true: a message that no queue receives must not count as sent");
        }
    }

    /** What to publish. */
    public record Outgoing(String exchange, String routingKey, Message message) {

        /** Names the destination, never the body: "exchange rights.tasks with key task.crm", "queue q". */
        public String destination() {
            return (exchange.isEmpty() ? "queue " : "exchange " + exchange + " with key ") + routingKey;
        }
    }

    /** A message handed to the channel; {@code confirm}'s future completes with the broker's answer, or fails. */
    public record Sent(Outgoing outgoing, CorrelationData confirm) {}

    /** The verdict on one message: {@code error} is null when it was confirmed and routed. */
    public record Verdict(Outgoing outgoing, @Nullable String error) {

        public boolean confirmed() {
            return error == null;
        }
    }

    /**
     * Publishes the batch on one channel, then waits for every confirm (each up to the confirm timeout). One message
     * failing does not fail the others. Throws an {@code AmqpException} when no channel can be had at all (the broker
     * is out of reach): then nothing was sent.
     */
    public List<Verdict> publishAndWait(List<Outgoing> batch) {
        return rabbit.invoke(channel -> {
            var sent = send(channel, batch);
            var verdicts = new ArrayList<Verdict>(sent.size());
            for (var one : sent) {
                verdicts.add(new Verdict(one.outgoing(), await(one)));
            }
            return verdicts;
        });
    }

    /**
     * Sends each message on {@code channel} (inside {@link RabbitTemplate#invoke}) without waiting. A message the
     * channel would not take has its confirm failed at once; the others are sent all the same.
     */
    public static List<Sent> send(RabbitOperations channel, List<Outgoing> batch) {
        var sent = new ArrayList<Sent>(batch.size());
        for (var outgoing : batch) {
            var confirm = new CorrelationData();
            try {
                channel.send(outgoing.exchange(), outgoing.routingKey(), outgoing.message(), confirm);
            } catch (RuntimeException e) {
                confirm.getFuture().completeExceptionally(e);
            }
            sent.add(new Sent(outgoing, confirm));
        }
        return sent;
    }

    /** Null when the completed confirm says the message was taken and routed; else why not (never the body). */
    public static @Nullable String failure(Sent sent, CorrelationData.Confirm confirm) {
        var returned = sent.confirm().getReturned();
        if (returned != null) {
            return "no queue took the message sent to " + sent.outgoing().destination() + ": "
                    + returned.getReplyText();
        }
        if (!confirm.ack()) {
            return "RabbitMQ refused the message sent to " + sent.outgoing().destination() + ": " + confirm.reason();
        }
        return null;
    }

    /** The failure for a confirm that did not come within {@code timeout}. */
    public static String timedOut(Outgoing outgoing, Duration timeout) {
        return "no publisher confirm within " + timeout + " for " + outgoing.destination();
    }

    private @Nullable String await(Sent sent) {
        try {
            var confirm = sent.confirm().getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return failure(sent, confirm);
        } catch (java.util.concurrent.TimeoutException e) {
            return timedOut(sent.outgoing(), confirmTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for the confirm of "
                    + sent.outgoing().destination();
        } catch (java.util.concurrent.ExecutionException e) {
            return "not sent to " + sent.outgoing().destination() + ": "
                    + e.getCause().getClass().getSimpleName();
        }
    }
}
