package dev.rightsplatform.rights.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every legal and illegal step of the spine's lifecycle. */
class RightsRequestUnitTests {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void legalPath() {
        var request = received().start();
        assertThat(request.status()).isEqualTo(RequestStatus.IN_PROGRESS);
        var completed = request.complete(NOW);
        assertThat(completed.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(completed.completedAt()).isEqualTo(NOW);
        assertThat(received().start().flagForAttention().status()).isEqualTo(RequestStatus.NEEDS_ATTENTION);
    }

    @Test
    void illegalSteps() {
        assertIllegal(received(), r -> r.complete(NOW));
        assertIllegal(received(), RightsRequest::flagForAttention);
        assertIllegal(received().start(), RightsRequest::start);
        var completed = received().start().complete(NOW);
        assertIllegal(completed, RightsRequest::start);
        assertIllegal(completed, r -> r.complete(NOW));
        assertIllegal(completed, RightsRequest::flagForAttention);
        var flagged = received().start().flagForAttention();
        assertIllegal(flagged, RightsRequest::start);
        assertIllegal(flagged, r -> r.complete(NOW));
    }

    private static void assertIllegal(RightsRequest request, UnaryOperator<RightsRequest> step) {
        assertThatThrownBy(() -> step.apply(request)).isInstanceOf(IllegalTransitionException.class);
    }

    private static RightsRequest received() {
        return RightsRequest.receive(UUID.randomUUID(), new RightsRequest.Subject("s", "s@example.com", "en"),
                RequestType.DEREGISTER, NOW, new RightsRequest.Deadline(NOW.plusSeconds(86400), "test"));
    }
}
