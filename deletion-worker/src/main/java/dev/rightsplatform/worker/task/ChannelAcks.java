package dev.rightsplatform.worker.task;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acknowledgements of one consumer channel, sent in batches. Every delivery is registered when it arrives and
 * stays open until it is settled (its effect stored and every message it sent confirmed) or handed back. Settled
 * deliveries are acked by a flush on the ack thread: one {@code basic.ack multiple} for the settled run at the low
 * end (everything up to the first delivery still open), single acks for settled ones above it, so a slow task never
 * holds back the window of the others. Deliveries settled while a flush waits for the ack thread share it: the
 * busier the worker, the larger the batches. A delivery left open (a hand-back not yet sent, a task refused while
 * draining) is never covered by a multiple ack.
 */
final class ChannelAcks {

    private static final Logger log = LoggerFactory.getLogger(ChannelAcks.class);

    private final Channel channel;

    private final Executor ackThread;

    /** Delivery tag → settled; every delivery of the channel not yet acked or handed back. */
    private final TreeMap<Long, Boolean> open = new TreeMap<>();

    private boolean flushPending;

    ChannelAcks(Channel channel, Executor ackThread) {
        this.channel = channel;
        this.ackThread = ackThread;
    }

    /** On the consumer thread, in delivery order, before anything may settle the delivery. */
    synchronized void delivered(long deliveryTag) {
        this.open.put(deliveryTag, Boolean.FALSE);
    }

    /** The delivery's work is stored and confirmed: it may be acked. */
    void settled(long deliveryTag) {
        synchronized (this) {
            if (this.open.replace(deliveryTag, Boolean.TRUE) == null || this.flushPending) {
                return;
            }
            this.flushPending = true;
        }
        this.ackThread.execute(this::flush);
    }

    /** Hands the delivery back to RabbitMQ for redelivery (requeued). */
    synchronized void handBack(long deliveryTag) throws IOException {
        try {
            this.channel.basicNack(deliveryTag, false, true);
        } finally {
            this.open.remove(deliveryTag);
        }
    }

    /** Settled deliveries whose ack has not gone out yet. */
    synchronized int awaitingAck() {
        return (int) this.open.values().stream().filter(Boolean::booleanValue).count();
    }

    private synchronized void flush() {
        this.flushPending = false;
        long upTo = -1;
        int covered = 0;
        List<Long> singles = new ArrayList<>();
        boolean lowRun = true;
        for (Iterator<Map.Entry<Long, Boolean>> entries = this.open.entrySet().iterator(); entries.hasNext(); ) {
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
            if (covered == 1) {
                this.channel.basicAck(upTo, false);
            } else if (covered > 1) {
                this.channel.basicAck(upTo, true);
            }
            for (long tag : singles) {
                this.channel.basicAck(tag, false);
            }
        } catch (IOException | RuntimeException ex) {
            // The channel closed under us: RabbitMQ redelivers, and the ledger makes the repeats harmless.
            log.warn(
                    "Could not ack {} task(s) ({}); they will be redelivered", covered + singles.size(), ex.toString());
        }
    }
}
