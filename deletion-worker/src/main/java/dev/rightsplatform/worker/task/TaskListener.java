package dev.rightsplatform.worker.task;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.ChannelProxy;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Receives task messages and acknowledges each only when {@link TaskProcessor} has settled it: its result or
 * its retry copy is confirmed by RabbitMQ. Acks go out in batches per channel ({@link ChannelAcks}). When settling
 * fails (database or broker trouble) the task is handed back after a pause, so it is retried later but never lost
 * and never spun on. On shutdown {@link TaskListenerDrain} lets the running tasks finish, and their acks go out,
 * before the consumer's channel closes.
 */
@Component
class TaskListener implements ChannelAwareMessageListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TaskListener.class);

    private final TaskProcessor processor;

    private final TaskProperties properties;

    private final AtomicInteger inFlight = new AtomicInteger();

    /** Per consumer channel (the real one, not Spring's cached proxy, whose target can change under it). */
    private final Map<Channel, ChannelAcks> acks = new ConcurrentHashMap<>();

    /** Sends the acks of every channel, so that acks of tasks settled meanwhile go out together. */
    private final ExecutorService ackThread = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "task-acks");
        thread.setDaemon(true);
        return thread;
    });

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
        long deliveryTag = message.getMessageProperties().getDeliveryTag();
        ChannelAcks channelAcks = acksOf(channel);
        // Registered even when it is not taken: no multiple ack may ever cover a delivery that is not settled.
        channelAcks.delivered(deliveryTag);
        if (this.draining) {
            return; // left unacked on purpose: RabbitMQ hands it to another worker when our channel closes
        }
        this.inFlight.incrementAndGet();
        Mono.defer(() -> this.processor.process(message))
                .doFinally(signal -> this.inFlight.decrementAndGet())
                // the listener's trace (the task's traceparent) and its log fields follow the work onto other threads
                .contextCapture()
                .subscribe(
                        null,
                        failure -> handBack(channelAcks, deliveryTag, message, failure),
                        () -> channelAcks.settled(deliveryTag));
    }

    private ChannelAcks acksOf(Channel channel) {
        Channel target = (channel instanceof ChannelProxy proxy) ? proxy.getTargetChannel() : channel;
        ChannelAcks known = this.acks.get(target);
        if (known != null) {
            return known;
        }
        ChannelAcks created = new ChannelAcks(target, this.ackThread);
        ChannelAcks raced = this.acks.putIfAbsent(target, created);
        if (raced != null) {
            return raced;
        }
        // Once it closes, RabbitMQ requeues whatever it left unacked; its tags mean nothing on another channel.
        target.addShutdownListener(cause -> this.acks.remove(target));
        return created;
    }

    private void handBack(ChannelAcks channelAcks, long deliveryTag, Message message, Throwable failure) {
        log.warn(
                "Task {} could not be settled ({}: {}); handing it back to RabbitMQ in {}",
                taskIdOf(message),
                failure.getClass().getSimpleName(),
                firstLine(failure.getMessage()),
                this.properties.requeueDelay());
        log.debug("Settling task {} failed", taskIdOf(message), failure);
        Mono.delay(this.properties.requeueDelay()).subscribe(tick -> {
            try {
                channelAcks.handBack(deliveryTag);
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

    /** Tasks running, and settled ones whose ack has not gone out yet. */
    int tasksInFlight() {
        return this.inFlight.get()
                + this.acks.values().stream().mapToInt(ChannelAcks::awaitingAck).sum();
    }

    @Override
    public void destroy() {
        this.ackThread.shutdown();
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
