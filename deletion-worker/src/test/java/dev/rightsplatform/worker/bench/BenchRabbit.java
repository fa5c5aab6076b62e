package dev.rightsplatform.worker.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Plain RabbitMQ client work for the benchmark: publishing with publisher confirms (a window of unconfirmed
 * messages, as a relay would), and counting distinct message ids that arrive on a queue. The same publisher feeds
 * both the raw measurement and the worker, so the only difference between the two runs is what consumes.
 */
final class BenchRabbit implements AutoCloseable {

    /** One message to publish: where to, and what. */
    record Outgoing(String exchange, String routingKey, String messageId, String type, byte[] body) {}

    private final Connection connection;

    private final String virtualHost;

    BenchRabbit(String virtualHost) throws Exception {
        this.virtualHost = virtualHost;
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setVirtualHost(virtualHost);
        this.connection = factory.newConnection("worker-throughput-bench");
    }

    String virtualHost() {
        return this.virtualHost;
    }

    Channel channel() throws IOException {
        return this.connection.createChannel();
    }

    /** Publishes count messages, persistent, keeping at most window unconfirmed; fails on a nack or a timeout. */
    void publish(int count, int window, IntFunction<Outgoing> message, long timeoutSeconds) throws Exception {
        try (Channel channel = channel()) {
            channel.confirmSelect();
            Semaphore permits = new Semaphore(window);
            ConcurrentNavigableMap<Long, Boolean> unconfirmed = new ConcurrentSkipListMap<>();
            Set<Long> nacked = ConcurrentHashMap.newKeySet();
            channel.addConfirmListener(
                    (tag, multiple) -> settle(unconfirmed, permits, tag, multiple), (tag, multiple) -> {
                        nacked.add(tag);
                        settle(unconfirmed, permits, tag, multiple);
                    });
            for (int i = 0; i < count; i++) {
                if (!permits.tryAcquire(timeoutSeconds, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no publisher confirm within " + timeoutSeconds + " s");
                }
                Outgoing out = message.apply(i);
                unconfirmed.put(channel.getNextPublishSeqNo(), Boolean.TRUE);
                AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                        .contentType("application/json")
                        .deliveryMode(2)
                        .messageId(out.messageId())
                        .type(out.type())
                        .build();
                channel.basicPublish(out.exchange(), out.routingKey(), true, properties, out.body());
            }
            if (!permits.tryAcquire(window, timeoutSeconds, TimeUnit.SECONDS) || !nacked.isEmpty()) {
                throw new IllegalStateException("not every message was confirmed (" + nacked.size() + " nacked)");
            }
        }
    }

    private static void settle(
            ConcurrentNavigableMap<Long, Boolean> unconfirmed, Semaphore permits, long tag, boolean multiple) {
        if (multiple) {
            ConcurrentNavigableMap<Long, Boolean> done = unconfirmed.headMap(tag, true);
            int settled = done.size();
            done.clear();
            permits.release(settled);
        } else if (unconfirmed.remove(tag) != null) {
            permits.release();
        }
    }

    /**
     * Consumes the queue with manual acks and the given prefetch until expected distinct message ids (those
     * accepted by the filter) arrived; the latch counts down once, with the arrival time of the last in endNanos.
     */
    Counter consume(String queue, int prefetch, int expected, Predicate<String> wanted) throws IOException {
        Channel channel = channel();
        channel.basicQos(prefetch);
        Counter counter = new Counter(channel, expected, wanted);
        channel.basicConsume(queue, false, counter);
        return counter;
    }

    @Override
    public void close() throws IOException {
        this.connection.close();
    }

    /** Counts distinct wanted message ids; acks everything it receives. */
    static final class Counter extends DefaultConsumer {

        final CountDownLatch done = new CountDownLatch(1);

        volatile long endNanos;

        private final Set<String> seen = ConcurrentHashMap.newKeySet();

        private final int expected;

        private final Predicate<String> wanted;

        Counter(Channel channel, int expected, Predicate<String> wanted) {
            super(channel);
            this.expected = expected;
            this.wanted = wanted;
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                throws IOException {
            String id = properties.getMessageId();
            if (id != null && this.wanted.test(id) && this.seen.add(id) && this.seen.size() == this.expected) {
                this.endNanos = System.nanoTime();
                this.done.countDown();
            }
            if (getChannel().isOpen()) {
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            }
        }

        /** Stops consuming; what arrives meanwhile is redelivered to nobody, as the queue is deleted at the end. */
        void stop() {
            try {
                getChannel().basicCancel(getConsumerTag());
                getChannel().close();
            } catch (IOException | TimeoutException | RuntimeException ex) {
                // the channel went away already: nothing left to stop
            }
        }

        int count() {
            return this.seen.size();
        }
    }
}
