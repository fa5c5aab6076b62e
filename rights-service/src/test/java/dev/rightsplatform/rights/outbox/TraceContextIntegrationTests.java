package dev.rightsplatform.rights.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The trace of a request goes on through the outbox: a call carrying a W3C {@code traceparent} writes outbox rows that
 * keep it, and the messages the relay publishes later carry a {@code traceparent} of the same trace, so the worker's
 * and the notification service's spans join it.
 */
class TraceContextIntegrationTests extends AbstractRightsIntegrationTests {

    @Test
    void theCallersTraceReachesThePublishedMessages() {
        var traceId = HexFormat.of().formatHex(randomBytes(16));
        var parentSpan = HexFormat.of().formatHex(randomBytes(8));
        http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(tokens.subject(newSubject())))
                .header("traceparent", "00-" + traceId + "-" + parentSpan + "-01")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\"}")
                .exchange()
                .expectStatus()
                .isAccepted();

        var task = receive(observedTasks, 1).get(0);
        var event = receive(observedEvents, 1).get(0);
        for (var message : new org.springframework.amqp.core.Message[] {task, event}) {
            var header =
                    String.valueOf(message.getMessageProperties().getHeaders().get("traceparent"));
            assertThat(header)
                    .as(message.getMessageProperties().getType())
                    .matches("00-" + traceId + "-[0-9a-f]{16}-01")
                    .doesNotContain(parentSpan);
        }
        var stored = db.sql("select traceparent from outbox_message")
                .map(row -> row.get("traceparent", String.class))
                .all()
                .collectList()
                .block();
        assertThat(stored).isNotEmpty().allSatisfy(value -> assertThat(value).startsWith("00-" + traceId + "-"));
    }

    private static byte[] randomBytes(int size) {
        var bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1; // never all zeros (an invalid id)
        return bytes;
    }
}
