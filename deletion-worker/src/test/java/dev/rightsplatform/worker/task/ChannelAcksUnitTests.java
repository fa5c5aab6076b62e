package dev.rightsplatform.worker.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The batched acks of one channel: a multiple ack covers only the settled run at the low end of the window, never a
 * delivery still open (running, refused while draining, or waiting to be handed back); settled ones above an open
 * one are acked singly, at once.
 */
class ChannelAcksUnitTests {

    /** What the channel was asked to do, in order: "ack 3", "ack 3 multiple", "nack 2 requeue". */
    private final List<String> sent = new ArrayList<>();

    /** The RabbitMQ client's channel is the boundary: a recording stand-in for the three calls ChannelAcks makes. */
    private final Channel channel = (Channel) Proxy.newProxyInstance(
            Channel.class.getClassLoader(), new Class<?>[] {Channel.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "basicAck" -> this.sent.add("ack " + args[0] + ((boolean) args[1] ? " multiple" : ""));
                    case "basicNack" -> this.sent.add("nack " + args[0] + ((boolean) args[2] ? " requeue" : ""));
                    default -> throw new UnsupportedOperationException(method.getName());
                }
                return null;
            });

    /** Flushes run when released, so several settlements can share one, as on a busy ack thread. */
    private final List<Runnable> flushes = new ArrayList<>();

    private final Executor ackThread = this.flushes::add;

    private final ChannelAcks acks = new ChannelAcks(this.channel, this.ackThread);

    @Test
    void settledRunAtTheLowEndIsOneMultipleAck() {
        deliver(1, 2, 3);
        this.acks.settled(1);
        this.acks.settled(2);
        this.acks.settled(3);
        flush();
        assertThat(this.sent).containsExactly("ack 3 multiple");
    }

    @Test
    void aLoneSettledDeliveryIsASingleAck() {
        deliver(1, 2);
        this.acks.settled(1);
        flush();
        assertThat(this.sent).containsExactly("ack 1");
    }

    @Test
    void anOpenDeliveryIsNeverCoveredAndDoesNotHoldBackTheOthers() {
        deliver(1, 2, 3, 4);
        this.acks.settled(1);
        this.acks.settled(3);
        this.acks.settled(4);
        flush();
        assertThat(this.sent).containsExactly("ack 1", "ack 3", "ack 4");
        assertThat(this.acks.awaitingAck()).isZero();

        this.acks.settled(2);
        flush();
        assertThat(this.sent).endsWith("ack 2");
    }

    @Test
    void aDeliveryWaitingToBeHandedBackStaysOpenUntilItIsNacked() throws Exception {
        deliver(1, 2, 3);
        this.acks.settled(1);
        this.acks.settled(3);
        flush();
        assertThat(this.sent).containsExactly("ack 1", "ack 3");

        this.acks.handBack(2);
        deliver(4, 5);
        this.acks.settled(4);
        this.acks.settled(5);
        flush();
        assertThat(this.sent).containsExactly("ack 1", "ack 3", "nack 2 requeue", "ack 5 multiple");
    }

    @Test
    void aDeliveryNeverTakenBlocksEveryMultipleAckAboveIt() {
        deliver(1, 2, 3);
        // 2 arrived while draining: registered, never settled (RabbitMQ redelivers it when the channel closes)
        this.acks.settled(1);
        this.acks.settled(3);
        flush();
        assertThat(this.sent).containsExactly("ack 1", "ack 3");
    }

    @Test
    void settlementsWaitingForTheAckThreadShareOneFlush() {
        deliver(1, 2, 3, 4);
        this.acks.settled(1);
        this.acks.settled(2);
        assertThat(this.acks.awaitingAck()).isEqualTo(2);
        this.acks.settled(3);
        assertThat(this.flushes).hasSize(1);
        flush();
        assertThat(this.sent).containsExactly("ack 3 multiple");
        assertThat(this.acks.awaitingAck()).isZero();
    }

    @Test
    void aDeliveryOfAnotherChannelIsIgnored() {
        deliver(1);
        this.acks.settled(7);
        assertThat(this.flushes).isEmpty();
        assertThat(this.sent).isEmpty();
    }

    private void deliver(long... tags) {
        for (long tag : tags) {
            this.acks.delivered(tag);
        }
    }

    private void flush() {
        List<Runnable> waiting = new ArrayList<>(this.flushes);
        this.flushes.clear();
        waiting.forEach(Runnable::run);
    }
}
