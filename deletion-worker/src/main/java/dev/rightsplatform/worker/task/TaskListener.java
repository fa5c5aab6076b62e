package dev.rightsplatform.worker.task;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Receives task messages and acknowledges each only when {@link TaskProcessor} has settled it: its result or
 * its retry copy is confirmed by RabbitMQ. When settling fails (database or broker trouble) the task is handed
 * back after a pause, so it is retried later but never lost and never spun on. On shutdown
 * {@link TaskListenerDrain} lets the running tasks finish before the consumer's channel closes.
 */
@Component
class TaskListener implements ChannelAwareMessageListener {

    private static final Logger log = LoggerFactory.getLogger(TaskListener.class);

    private final TaskProcessor processor;

    private final TaskProperties properties;

    private final AtomicInteger inFlight = new AtomicInteger();

    private volatile boolean draining;

    TaskListener(TaskProcessor processor, TaskProperties properties) {
        this.processor = processor;
        this.properties = properties;
    }

    @Override
    public void onMessage(Message message, @Nullable Channel channel) {
        if (channel == null) {
            throw new IllegalStateException("the container must give the listener its channel (manual acks)");
        }
        if (this.draining) {
            return; // left unacked on purpose: RabbitMQ hands it to another worker when our channel closes
        }
        long deliveryTag = message.getMessageProperties().getDeliveryTag();
        this.inFlight.incrementAndGet();
        Mono.defer(() -> this.processor.process(message))
                .doFinally(signal -> this.inFlight.decrementAndGet())
                // the listener's trace (the task's traceparent) and its log fields follow the work onto other threads
                .contextCapture()
                .subscribe(
                        null,
                        failure -> handBack(channel, deliveryTag, message, failure),
                        () -> ack(channel, deliveryTag, message));
    }

    private void ack(Channel channel, long deliveryTag, Message message) {
        try {
            channel.basicAck(deliveryTag, false);
        } catch (IOException | RuntimeException ex) {
            // The channel closed under us: RabbitMQ redelivers, and the ledger makes the repeat harmless.
            log.warn("Could not ack task {} ({}); it will be redelivered", taskIdOf(message), ex.toString());
        }
    }

    private void handBack(Channel channel, long deliveryTag, Message message, Throwable failure) {
        log.warn(
                "Task {} could not be settled ({}: {}); handing it back to RabbitMQ in {}",
                taskIdOf(message),
                failure.getClass().getSimpleName(),
                firstLine(failure.getMessage()),
                this.properties.requeueDelay());
        log.debug("Settling task {} failed", taskIdOf(message), failure);
        Mono.delay(this.properties.requeueDelay()).subscribe(tick -> {
            try {
                channel.basicNack(deliveryTag, false, true);
            } catch (IOException | RuntimeException ex) {
                log.warn("Could not hand task {} back ({}); it will be redelivered", taskIdOf(message), ex.toString());
            }
        });
    }

    /** Stops taking new tasks; the ones already running carry on and are acked as usual. */
    void beginDraining() {
        this.draining = true;
    }

    void resumeTaking() {
        this.draining = false;
    }

    int tasksInFlight() {
        return this.inFlight.get();
    }

    /** Database errors quote whole statements; the first line says enough, the debug log has the rest. */
    private static String firstLine(@Nullable String text) {
        if (text == null) {
            return "no message";
        }
        String line = text.lines().findFirst().orElse("");
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    private static String taskIdOf(Message message) {
        String messageId = message.getMessageProperties().getMessageId();
        return messageId != null ? messageId : "(no message id)";
    }
}
