package dev.rightsplatform.worker.messaging;

import dev.rightsplatform.messaging.ConfirmedPublishing;
import dev.rightsplatform.observability.ContextThreadLocals;
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
import org.springframework.amqp.core.Message;
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
 * them, not one each. Each message still gets its own confirm, and fails on its own. What counts as confirmed, and
 * the start-up check of the settings, are the platform's one {@link ConfirmedPublishing} (infra/service-support); this
 * class adds the reactive shape: a caller subscribes and is not blocked.
 */
@Component
public class ConfirmedPublisher implements DisposableBean {

    private final RabbitTemplate rabbit;

    private final Duration confirmTimeout;

    private final Queue<Outgoing> waiting = new ConcurrentLinkedQueue<>();

    /** Signals not yet handled by the sending thread; it runs while this is above zero. */
    private final AtomicInteger signals = new AtomicInteger();

    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "confirmed-publisher");
        thread.setDaemon(true);
        return thread;
    });

    private TraceHeaders traceHeaders;

    public ConfirmedPublisher(RabbitTemplate rabbit, MessagingProperties properties) {
        // the worker acks a task only after RabbitMQ confirmed and routed its result
        ConfirmedPublishing.Misconfiguration wrong = ConfirmedPublishing.misconfiguration(rabbit);
        if (wrong != null) {
            throw new InvalidSettingException(wrong.setting(), wrong.problem());
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
        // the publisher's trace is read from its Reactor context (context propagation "limited")
        return ContextThreadLocals.defer(() -> {
                    if (this.traceHeaders != null) {
                        this.traceHeaders.inject(message.getMessageProperties());
                    }
                    Outgoing outgoing = new Outgoing(ConfirmedPublishing.Sent.of(
                            new ConfirmedPublishing.Outgoing(exchange, routingKey, message)));
                    enqueue(outgoing);
                    // Confirms complete on the I/O thread of the publisher connection, which is not the consumers' (see
                    // MessagingConfiguration): what follows (a ledger write, the delivery's ack on the consumer
                    // connection) carries on there without a further thread hop. Nothing after a publish may block.
                    return Mono.fromFuture(outgoing.sent().confirm().getFuture())
                            // A message whose caller gave up (a timeout) is not sent late, if it is still waiting.
                            .doOnCancel(outgoing::cancel)
                            .flatMap(confirm -> {
                                String failure = ConfirmedPublishing.failure(outgoing.sent(), confirm);
                                return failure == null
                                        ? Mono.<Void>empty()
                                        : Mono.error(new PublishFailedException(failure));
                            });
                })
                .timeout(this.confirmTimeout)
                .onErrorMap(
                        TimeoutException.class,
                        ex -> new PublishFailedException(ConfirmedPublishing.timedOut(
                                new ConfirmedPublishing.Outgoing(exchange, routingKey, message), this.confirmTimeout)));
    }

    private void enqueue(Outgoing outgoing) {
        this.waiting.add(outgoing);
        if (this.signals.getAndIncrement() != 0) {
            return; // the sending thread is on it, and looks again before it stops
        }
        try {
            this.sender.execute(this::sendWaiting);
        } catch (RejectedExecutionException shutDown) {
            outgoing.sent()
                    .fail(new PublishFailedException("the worker is shutting down; not sent to "
                            + outgoing.sent().outgoing().destination()));
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
        List<ConfirmedPublishing.Sent> sent = batch.stream().map(Outgoing::sent).toList();
        try {
            this.rabbit.invoke(operations -> {
                ConfirmedPublishing.send(operations, sent);
                return null;
            });
        } catch (RuntimeException ex) {
            // No channel at all (e.g. the broker is down): every message of the batch failed, none was sent.
            sent.forEach(one -> one.fail(ex));
        }
    }

    @Override
    public void destroy() {
        this.sender.shutdown();
    }

    /** A message waiting for the sending thread; a caller that gave up cancels it. */
    private static final class Outgoing {

        private final ConfirmedPublishing.Sent sent;

        private volatile boolean cancelled;

        Outgoing(ConfirmedPublishing.Sent sent) {
            this.sent = sent;
        }

        ConfirmedPublishing.Sent sent() {
            return this.sent;
        }

        boolean cancelled() {
            return this.cancelled;
        }

        void cancel() {
            this.cancelled = true;
        }
    }
}
