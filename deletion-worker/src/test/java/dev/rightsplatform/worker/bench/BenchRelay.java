package dev.rightsplatform.worker.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The worker's message pattern with none of its work: consumers with a prefetch of one each (as many per queue as
 * the worker's concurrency per system) take each message, publish a reply persistent and mandatory on a separate
 * connection with publisher confirms, and ack the message only once its reply is confirmed. What this relay
 * reaches is what RabbitMQ itself allows a worker that settles tasks the safe way; the worker adds its ledger and
 * the call to the system on top.
 */
final class BenchRelay implements AutoCloseable {

    private final Channel publisher;

    private final String replyQueue;

    /** Publish sequence number of each reply not yet confirmed, and the ack of the message it answers. */
    private final ConcurrentNavigableMap<Long, Runnable> awaitingConfirm = new ConcurrentSkipListMap<>();

    private final List<Channel> consumers = new ArrayList<>();

    /** The first reply RabbitMQ refused or could not route; the phase fails on it instead of waiting out its time. */
    private final AtomicReference<String> failure = new AtomicReference<>();

    BenchRelay(
            BenchRabbit consuming,
            BenchRabbit publishing,
            List<String> queues,
            int consumersPerQueue,
            String replyQueue)
            throws IOException {
        this.replyQueue = replyQueue;
        this.publisher = publishing.channel();
        this.publisher.confirmSelect();
        this.publisher.addConfirmListener(
                (tag, multiple) -> settle(tag, multiple),
                (tag, multiple) -> this.failure.compareAndSet(null, "RabbitMQ refused relay reply " + tag));
        this.publisher.addReturnListener(returned ->
                this.failure.compareAndSet(null, "no queue took a relay reply: " + returned.getReplyText()));
        for (String queue : queues) {
            for (int i = 0; i < consumersPerQueue; i++) {
                Channel channel = consuming.channel();
                channel.basicQos(1);
                channel.basicConsume(queue, false, new Relaying(channel));
                this.consumers.add(channel);
            }
        }
    }

    private void settle(long tag, boolean multiple) {
        ConcurrentNavigableMap<Long, Runnable> confirmed =
                multiple ? this.awaitingConfirm.headMap(tag, true) : this.awaitingConfirm.subMap(tag, true, tag, true);
        confirmed.values().forEach(Runnable::run);
        confirmed.clear();
    }

    /** Null while every reply so far was confirmed and routed. */
    String failure() {
        return this.failure.get();
    }

    /** Waits (at most 10 s) for the last confirms, so that no ack goes to a closed channel, then closes. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!this.awaitingConfirm.isEmpty() && this.failure.get() == null && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        for (Channel channel : this.consumers) {
            closeQuietly(channel);
        }
        closeQuietly(this.publisher);
    }

    private static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException | TimeoutException | RuntimeException ex) {
            // already closed
        }
    }

    private final class Relaying extends DefaultConsumer {

        Relaying(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                throws IOException {
            Channel consumer = getChannel();
            long deliveryTag = envelope.getDeliveryTag();
            AMQP.BasicProperties reply = new AMQP.BasicProperties.Builder()
                    .contentType("application/json")
                    .deliveryMode(2)
                    .messageId(properties.getMessageId() + ":result")
                    .type("TaskResult")
                    .build();
            synchronized (BenchRelay.this.publisher) {
                BenchRelay.this.awaitingConfirm.put(BenchRelay.this.publisher.getNextPublishSeqNo(), () -> {
                    try {
                        consumer.basicAck(deliveryTag, false);
                    } catch (IOException ex) {
                        throw new IllegalStateException(ex);
                    }
                });
                BenchRelay.this.publisher.basicPublish("", BenchRelay.this.replyQueue, true, reply, body);
            }
        }
    }
}
