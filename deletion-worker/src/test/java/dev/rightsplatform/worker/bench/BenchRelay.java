package dev.rightsplatform.worker.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The worker's message pattern with none of its work: consumers take each message, publish a reply persistent and
 * mandatory on a separate connection with publisher confirms, and ack the message only once its reply is
 * confirmed. Two shapes: consumers with a prefetch of one each (as many per queue as the worker's concurrency per
 * system), the worker's shape before batch settlement; or one consumer per queue with a prefetch of the
 * concurrency, acking the settled run at the low end of its window with one {@code basic.ack multiple} (and settled
 * ones above an unsettled one singly), as the worker does now. What this relay reaches is what RabbitMQ itself allows
 * a worker that settles tasks the safe way; the worker adds its ledger and the call to the system on top.
 */
final class BenchRelay implements AutoCloseable {

    private final Channel publisher;

    private final String replyQueue;

    /** Publish sequence number of each reply not yet confirmed, and the delivery it answers. */
    private final ConcurrentNavigableMap<Long, Pending> awaitingConfirm = new ConcurrentSkipListMap<>();

    private record Pending(WindowAcks acks, long deliveryTag) {}

    private final List<Channel> consumers = new ArrayList<>();

    /** The first reply RabbitMQ refused or could not route; the phase fails on it instead of waiting out its time. */
    private final AtomicReference<String> failure = new AtomicReference<>();

    BenchRelay(
            BenchRabbit consuming,
            BenchRabbit publishing,
            List<String> queues,
            int consumersPerQueue,
            int prefetch,
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
                channel.basicQos(prefetch);
                channel.basicConsume(queue, false, new Relaying(channel));
                this.consumers.add(channel);
            }
        }
    }

    /** On the confirm thread: marks the answered deliveries settled, then acks each window once. */
    private void settle(long tag, boolean multiple) {
        ConcurrentNavigableMap<Long, Pending> confirmed =
                multiple ? this.awaitingConfirm.headMap(tag, true) : this.awaitingConfirm.subMap(tag, true, tag, true);
        Map<WindowAcks, Boolean> touched = new IdentityHashMap<>();
        for (Pending pending : confirmed.values()) {
            pending.acks().settled(pending.deliveryTag());
            touched.put(pending.acks(), Boolean.TRUE);
        }
        confirmed.clear();
        touched.keySet().forEach(WindowAcks::flush);
    }

    /** The open deliveries of one consumer channel; settled ones are acked, a run at the low end with one ack. */
    private static final class WindowAcks {

        private final Channel channel;

        private final TreeMap<Long, Boolean> open = new TreeMap<>();

        WindowAcks(Channel channel) {
            this.channel = channel;
        }

        synchronized void delivered(long tag) {
            this.open.put(tag, Boolean.FALSE);
        }

        synchronized void settled(long tag) {
            this.open.replace(tag, Boolean.TRUE);
        }

        synchronized void flush() {
            long upTo = -1;
            int covered = 0;
            List<Long> singles = new ArrayList<>();
            boolean lowRun = true;
            for (Iterator<Map.Entry<Long, Boolean>> entries =
                            this.open.entrySet().iterator();
                    entries.hasNext(); ) {
                Map.Entry<Long, Boolean> entry = entries.next();
                if (!entry.getValue()) {
                    lowRun = false;
                    continue;
                }
                if (lowRun) {
                    upTo = entry.getKey();
                    covered++;
                } else {
                    singles.add(entry.getKey());
                }
                entries.remove();
            }
            try {
                if (covered > 0) {
                    this.channel.basicAck(upTo, covered > 1);
                }
                for (long tag : singles) {
                    this.channel.basicAck(tag, false);
                }
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }
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

        private final WindowAcks acks;

        Relaying(Channel channel) {
            super(channel);
            this.acks = new WindowAcks(channel);
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                throws IOException {
            long deliveryTag = envelope.getDeliveryTag();
            this.acks.delivered(deliveryTag);
            AMQP.BasicProperties reply = new AMQP.BasicProperties.Builder()
                    .contentType("application/json")
                    .deliveryMode(2)
                    .messageId(properties.getMessageId() + ":result")
                    .type("TaskResult")
                    .build();
            synchronized (BenchRelay.this.publisher) {
                BenchRelay.this.awaitingConfirm.put(
                        BenchRelay.this.publisher.getNextPublishSeqNo(), new Pending(this.acks, deliveryTag));
                BenchRelay.this.publisher.basicPublish("", BenchRelay.this.replyQueue, true, reply, body);
            }
        }
    }
}
