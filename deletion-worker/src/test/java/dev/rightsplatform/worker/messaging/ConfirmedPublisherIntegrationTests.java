package dev.rightsplatform.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rightsplatform.worker.support.AbstractWorkerIntegrationTests;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A publish counts only when RabbitMQ confirmed it and a queue took it; anything else is an error. */
class ConfirmedPublisherIntegrationTests extends AbstractWorkerIntegrationTests {

    @Autowired
    private ConfirmedPublisher publisher;

    @Test
    void aRoutedMessageIsConfirmed() {
        assertThatCode(() -> publish(Topology.DEFAULT_EXCHANGE, Topology.PARKED_QUEUE))
                .doesNotThrowAnyException();
    }

    @Test
    void aMessageNoQueueTakesIsAnError() {
        assertThatThrownBy(() -> publish(Topology.RESULTS_EXCHANGE, "nobody.binds.this"))
                .isInstanceOf(PublishFailedException.class)
                .hasMessageContaining("no queue took the message");
    }

    @Test
    void aMessageToAMissingExchangeIsAnError() {
        assertThatThrownBy(() -> publish("deletion-worker.test.no-such-exchange", "x"))
                .isInstanceOf(PublishFailedException.class);
    }

    @Test
    void manyMessagesPublishedAtOnceAreEachConfirmedAndAnUnroutableOneFailsAlone() {
        List<Mono<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String routingKey = (i == 100) ? "nobody.binds.this" : Topology.PARKED_QUEUE;
            String exchange = (i == 100) ? Topology.RESULTS_EXCHANGE : Topology.DEFAULT_EXCHANGE;
            outcomes.add(this.publisher
                    .publish(exchange, routingKey, message())
                    .thenReturn("confirmed")
                    .onErrorResume(PublishFailedException.class, ex -> Mono.just("failed")));
        }
        List<String> results = Flux.mergeSequential(outcomes).collectList().block(Duration.ofSeconds(30));
        assertThat(results).hasSize(200);
        assertThat(results.get(100)).isEqualTo("failed");
        assertThat(results).filteredOn("confirmed"::equals).hasSize(199);
    }

    private static Message message() {
        return new Message("{}".getBytes(StandardCharsets.UTF_8), new MessageProperties());
    }

    private void publish(String exchange, String routingKey) {
        Message message = new Message("{}".getBytes(StandardCharsets.UTF_8), new MessageProperties());
        this.publisher.publish(exchange, routingKey, message).block(Duration.ofSeconds(20));
    }
}
