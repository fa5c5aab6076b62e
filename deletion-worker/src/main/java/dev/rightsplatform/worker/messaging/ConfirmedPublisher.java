package dev.rightsplatform.worker.messaging;

import dev.rightsplatform.worker.metrics.TraceHeaders;
import dev.rightsplatform.worker.settings.InvalidSettingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Publishes a message and completes only once RabbitMQ has confirmed it and routed it to at least one queue.
 * Everything the worker acks depends on this: a task is acked only after its result (or its retry copy) has been
 * published through here, so no task is lost between the two.
 * <p>
 * Sending may block (RabbitMQ throttles publishers under a resource alarm), so it never happens on the caller's
 * thread, which is often an event loop. Messages wait in a queue for one sending thread, which sends everything
 * waiting at once on one channel: tasks that finish together cost one thread hop and one channel checkout between
 * them, not one each. Each message still gets its own confirm, and fails on its own.
 */
@Component
public class ConfirmedPublisher implements DisposableBean {

    private final RabbitTemplate rabbit;

    private final Duration confirmTimeout;

    private final Queue<Outgoing> waiting = new ConcurrentLinkedQueue<>();

    /** Signals not yet handled by the sending thread; it runs while this is above zero. */
    private final AtomicInteger signals = new AtomicInteger();

    private final AtomicLong correlationIds = new AtomicLong();

    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "confirmed-publisher");
        thread.setDaemon(true);
        return thread;
    });

    private TraceHeaders traceHeaders;

    public ConfirmedPublisher(RabbitTemplate rabbit, MessagingProperties properties) {
        ConnectionFactory connectionFactory = rabbit.getConnectionFactory();
        if (!connectionFactory.isPublisherConfirms()) {
            throw new InvalidSettingException(
                    "spring.rabbitmq.publisher-confirm-type",
                    "must be 'correlated': the worker acks a task only after RabbitMQ confirmed its result");
        }
        if (!connectionFactory.isPublisherReturns() || !rabbit.isMandatoryFor(new Message(new byte[0]))) {
            throw new InvalidSettingException(
                    "spring.rabbitmq.publisher-returns",
                    "must be true: a result that no queue receives must count as not published");
        }
        this.rabbit = rabbit;
        this.confirmTimeout = properties.confirmTimeout();
    }

    /** Carries the trace of the work that publishes onto the message (the sending thread has none). */
    @Autowired(required = false)
    void traceHeaders(TraceHeaders traceHeaders) {
        this.traceHeaders = traceHeaders;
    }

    public Mono<Void> publish(String exchange, String routingKey, Message message) {
        return Mono.defer(() -> {
                    if (this.traceHeaders != null) {
                        this.traceHeaders.inject(message.getMessageProperties());
                    }
                    Outgoing outgoing = new Outgoing(
                            exchange,
                            routingKey,
                            message,
                            new CorrelationData(Long.toString(this.correlationIds.incrementAndGet())));
                    enqueue(outgoing);
                    // Confirms complete on the I/O thread of the publisher connection, which is not the consumers' (see
                    // MessagingConfiguration): what follows (a ledger write, the delivery's ack on the consumer
                    // connection)
                    // carries on there without a further thread hop. Nothing after a publish may block.
                    return Mono.fromFuture(outgoing.correlation().getFuture())
                            // A message whose caller gave up (a timeout) is not sent late, if it is still waiting.
                            .doOnCancel(outgoing::cancel)
                            .flatMap(confirm -> {
                                ReturnedMessage returned =
                                        outgoing.correlation().getReturned();
                                if (returned != null) {
                                    return Mono.error(new PublishFailedException("no queue took the message sent to "
                                            + describe(exchange, routingKey) + ": " + returned.getReplyText()));
                                }
                                if (!confirm.ack()) {
                                    return Mono.error(new PublishFailedException("RabbitMQ refused the message sent to "
                                            + describe(exchange, routingKey) + ": " + confirm.reason()));
                                }
                                return Mono.<Void>empty();
                            });
                })
                .timeout(this.confirmTimeout)
                .onErrorMap(
                        TimeoutException.class,
                        ex -> new PublishFailedException("no publisher confirm within " + this.confirmTimeout + " for "
                                + describe(exchange, routingKey)));
    }

    private void enqueue(Outgoing outgoing) {
        this.waiting.add(outgoing);
        if (this.signals.getAndIncrement() != 0) {
            return; // the sending thread is on it, and looks again before it stops
        }
        try {
            this.sender.execute(this::sendWaiting);
        } catch (RejectedExecutionException shutDown) {
            outgoing.fail(new PublishFailedException("the worker is shutting down; not sent to "
                    + describe(outgoing.exchange(), outgoing.routingKey())));
        }
    }

    /** On the sending thread: sends whatever waits, until nothing new arrived while it did. */
    private void sendWaiting() {
        int seen = 1;
        do {
            List<Outgoing> batch = new ArrayList<>();
            for (Outgoing next = this.waiting.poll(); next != null; next = this.waiting.poll()) {
                if (!next.cancelled()) {
                    batch.add(next);
                }
            }
            if (!batch.isEmpty()) {
                send(batch);
            }
            seen = this.signals.addAndGet(-seen);
        } while (seen != 0);
    }

    private void send(List<Outgoing> batch) {
        try {
            this.rabbit.invoke(operations -> {
                for (Outgoing outgoing : batch) {
                    try {
                        operations.send(
                                outgoing.exchange(), outgoing.routingKey(), outgoing.message(), outgoing.correlation());
                    } catch (RuntimeException ex) {
                        outgoing.fail(ex);
                    }
                }
                return null;
            });
        } catch (RuntimeException ex) {
            // No channel at all (e.g. the broker is down): every message of the batch failed, none was sent.
            batch.forEach(outgoing -> outgoing.fail(ex));
        }
    }

    private static String describe(String exchange, String routingKey) {
        return (exchange.isEmpty() ? "queue " : "exchange " + exchange + " with key ") + routingKey;
    }

    @Override
    public void destroy() {
        this.sender.shutdown();
    }

    /** A message waiting to be sent; its correlation's future completes with RabbitMQ's confirm, or fails. */
    private static final class Outgoing {

        private final String exchange;

        private final String routingKey;

        private final Message message;

        private final CorrelationData correlation;

        private volatile boolean cancelled;

        Outgoing(String exchange, String routingKey, Message message, CorrelationData correlation) {
            this.exchange = exchange;
            this.routingKey = routingKey;
            this.message = message;
            this.correlation = correlation;
        }

        String exchange() {
            return this.exchange;
        }

        String routingKey() {
            return this.routingKey;
        }

        Message message() {
            return this.message;
        }

        CorrelationData correlation() {
            return this.correlation;
        }

        boolean cancelled() {
            return this.cancelled;
        }

        void cancel() {
            this.cancelled = true;
        }

        void fail(Throwable failure) {
            this.correlation.getFuture().completeExceptionally(failure);
        }
    }
}
