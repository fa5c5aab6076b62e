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
 * {@link #send} only sends, for a caller that waits on each {@link Sent#confirm()} future itself (deletion-worker's
 * reactive publisher) and then asks {@link #failure} or {@link #timedOut} for the verdict.
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

    /** A setting that keeps a template from confirmed publishing, and what it must be. */
    public record Misconfiguration(String setting, String problem) {}

    /** Null when the template counts only confirmed and routed messages as sent; else the setting to fix. */
    public static @Nullable Misconfiguration misconfiguration(RabbitTemplate rabbit) {
        var connections = rabbit.getConnectionFactory();
        if (!connections.isPublisherConfirms()) {
            return new Misconfiguration(
                    "spring.rabbitmq.publisher-confirm-type",
                    "must be 'correlated': a message counts as sent only once RabbitMQ confirmed it");
        }
        if (!connections.isPublisherReturns() || !rabbit.isMandatoryFor(new Message(new byte[0]))) {
            return new Misconfiguration(
                    "spring.rabbitmq.publisher-returns",
                    "must be true, and the template mandatory (spring.rabbitmq.template.mandatory): a message that no"
                            + " queue receives must not count as sent");
        }
        return null;
    }

    /** Fails fast, naming the setting, unless the template counts only confirmed and routed messages as sent. */
    public static void requireConfirmsAndReturns(RabbitTemplate rabbit) {
        var wrong = misconfiguration(rabbit);
        if (wrong != null) {
            throw new IllegalStateException(wrong.setting() + " " + wrong.problem());
        }
    }

    /** What to publish. */
    public record Outgoing(String exchange, String routingKey, Message message) {

        /** Names the destination, never the body: "exchange rights.tasks with key task.crm", "queue q". */
        public String destination() {
            return (exchange.isEmpty() ? "queue " : "exchange " + exchange + " with key ") + routingKey;
        }
    }

    /** A message to send with its confirm: {@code confirm}'s future completes with the broker's answer, or fails. */
    public record Sent(Outgoing outgoing, CorrelationData confirm) {

        public static Sent of(Outgoing outgoing) {
            return new Sent(outgoing, new CorrelationData());
        }

        /** Not sent after all (no channel, shutting down): its confirm fails with {@code cause}. */
        public void fail(Throwable cause) {
            confirm.getFuture().completeExceptionally(cause);
        }
    }

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
        var sent = batch.stream().map(Sent::of).toList();
        return rabbit.invoke(channel -> {
            send(channel, sent);
            var verdicts = new ArrayList<Verdict>(sent.size());
            for (var one : sent) {
                verdicts.add(new Verdict(one.outgoing(), await(one)));
            }
            return verdicts;
        });
    }

    /**
     * Sends each message on {@code channel} (inside {@link RabbitTemplate#invoke}) without waiting, for a caller that
     * waits on the confirms itself. A message the channel would not take has its confirm failed at once; the others
     * are sent all the same.
     */
    public static void send(RabbitOperations channel, List<Sent> batch) {
        for (var sent : batch) {
            try {
                channel.send(
                        sent.outgoing().exchange(),
                        sent.outgoing().routingKey(),
                        sent.outgoing().message(),
                        sent.confirm());
            } catch (RuntimeException e) {
                sent.fail(e);
            }
        }
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
