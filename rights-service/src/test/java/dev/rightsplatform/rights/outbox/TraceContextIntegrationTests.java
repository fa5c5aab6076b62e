package dev.rightsplatform.rights.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.lifecycle.LifecycleCommand;
import dev.rightsplatform.rights.lifecycle.LifecycleEvent;
import dev.rightsplatform.rights.lifecycle.RequestLifecycle;
import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The trace of a request goes on through the outbox: a call carrying a W3C {@code traceparent} writes outbox rows that
 * keep it, and the messages the relay publishes later carry a {@code traceparent} of the same trace, so the worker's
 * and the notification service's spans join it. The request keeps it too: what a scheduler does to the request later
 * (here a due-soon alert, raised without any trace around it, as the deadline scanner does) continues that trace.
 */
class TraceContextIntegrationTests extends AbstractRightsIntegrationTests {

    @Autowired
    RequestLifecycle lifecycle;

    @Autowired
    JsonMapper json;

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

    @Test
    void workAScheduleStartsLaterContinuesTheTraceTheRequestWasSubmittedIn() {
        var traceId = HexFormat.of().formatHex(randomBytes(16));
        var parentSpan = HexFormat.of().formatHex(randomBytes(8));
        var answer = http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(tokens.subject(newSubject())))
                .header("traceparent", "00-" + traceId + "-" + parentSpan + "-01")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"ACCESS\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        var requestId = UUID.fromString(json.readTree(answer).get("id").asText());
        receive(observedEvents, 1); // received
        var stored = db.sql("select traceparent from rights_request where id = :id")
                .bind("id", requestId)
                .map(row -> row.get("traceparent", String.class))
                .one()
                .block();
        assertThat(stored).as("kept with the request").startsWith("00-" + traceId + "-");

        db.sql("update rights_request set due_soon_at = :past where id = :id")
                .bind("past", Instant.now().minus(Duration.ofMinutes(1)))
                .bind("id", requestId)
                .then()
                .block();
        // on this test thread no trace is current: as on the deadline scanner's
        lifecycle
                .handle(new LifecycleCommand.RaiseDeadlineAlert(requestId, LifecycleEvent.DUE_SOON, Instant.now()))
                .block();

        var alert = receive(observedEvents, 1).get(0);
        assertThat(body(alert)).contains(LifecycleEvent.DUE_SOON.type());
        assertThat(String.valueOf(alert.getMessageProperties().getHeaders().get("traceparent")))
                .as("the alert continues the submission's trace, in a span of its own")
                .matches("00-" + traceId + "-[0-9a-f]{16}-01")
                .isNotEqualTo(stored);
    }

    private static byte[] randomBytes(int size) {
        var bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1; // never all zeros (an invalid id)
        return bytes;
    }
}
