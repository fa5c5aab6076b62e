package dev.rightsplatform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The request id reaches the MDC of a log line written on another thread, and only when it looks like an id. Reactor
 * runs as in the services (context propagation "limited", no hooks): a log line asks for the thread locals with
 * {@link ContextThreadLocals}.
 */
class RequestIdLoggingUnitTests {

    @Test
    void anIdFromTheGatewayIsInTheMdcOnAnotherThread() {
        assertThat(mdcSeenFor("0f8e0c3e-1d2b-4b5a-9c7d-6e5f4a3b2c1d"))
                .isEqualTo("0f8e0c3e-1d2b-4b5a-9c7d-6e5f4a3b2c1d");
        assertThat(MDC.get(RequestIdLogging.KEY))
                .as("nothing left behind on the caller's thread")
                .isNull();
    }

    @Test
    void anythingElseIsLeftOut() {
        assertThat(mdcSeenFor("alice@example.com")).isNull();
        assertThat(mdcSeenFor("short")).isNull();
        assertThat(mdcSeenFor(null)).isNull();
    }

    private static String mdcSeenFor(String requestId) {
        var request = MockServerHttpRequest.get("/api/v1/requests");
        if (requestId != null) {
            request.header(RequestIdLogging.HEADER, requestId);
        }
        var seen = new AtomicReference<String>();
        new RequestIdLogging()
                .filter(
                        MockServerWebExchange.from(request),
                        exchange -> Mono.delay(Duration.ofMillis(5))
                                .handle(ContextThreadLocals.peek(tick -> seen.set(MDC.get(RequestIdLogging.KEY))))
                                .then())
                .block(Duration.ofSeconds(5));
        return seen.get();
    }
}
