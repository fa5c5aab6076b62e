package dev.rightsplatform.worker.connector.http;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.connector.ErasureRequest;
import dev.rightsplatform.worker.support.FakeSystem;
import dev.rightsplatform.worker.support.FakeSystem.Reply;
import dev.rightsplatform.worker.support.FakeSystems;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook connector against a real (fake) HTTP server: what it sends, and how it reads each kind of answer. */
class HttpWebhookConnectorIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final FakeSystem system = FakeSystems.shared().system(FakeSystems.PICKY);

    private final ErasureRequest request = new ErasureRequest(UUID.randomUUID(), UUID.randomUUID(), "picky",
            "user-42");

    @BeforeEach
    void freshSystem() {
        FakeSystems.shared().resetAll();
    }

    @Test
    void postsTheSignedErasureCallAndTakesTheReference() {
        this.system.replyWith(Reply.ok("picky-777"));

        ConnectorOutcome outcome = erase(connectorTo(FakeSystems.shared().urlOf("picky"), this.system.secret()));

        assertThat(outcome).isEqualTo(new ConnectorOutcome.Done("picky answered HTTP 200", "picky-777"));
        FakeSystem.Call call = this.system.calls().get(0);
        assertThat(call.signatureValid()).isTrue();
        assertThat(Long.parseLong(call.timestamp())).isCloseTo(Instant.now().getEpochSecond(),
                org.assertj.core.data.Offset.offset(60L));
        assertThat(call.body().propertyNames()).containsExactly("taskId", "requestId", "action", "subject");
        assertThat(call.body().path("taskId").asString()).isEqualTo(this.request.taskId().toString());
        assertThat(call.body().path("requestId").asString()).isEqualTo(this.request.requestId().toString());
        assertThat(call.body().path("action").asString()).isEqualTo("ERASE");
        assertThat(call.body().path("subject").propertyNames()).containsExactly("userId");
        assertThat(call.body().path("subject").path("userId").asString()).isEqualTo("user-42");
    }

    @Test
    void aWrongSecretIsRefusedByTheSystemAndNotRetried() {
        ConnectorOutcome outcome = erase(connectorTo(FakeSystems.shared().urlOf("picky"), "not-the-secret"));

        assertThat(outcome).isEqualTo(new ConnectorOutcome.Rejected("picky answered HTTP 401"));
    }

    @ParameterizedTest
    @ValueSource(ints = { 200, 201, 202, 204 })
    void anyTwoHundredIsDone(int status) {
        this.system.replyWith(Reply.status(status));

        assertThat(erase(connectorTo(FakeSystems.shared().urlOf("picky"), this.system.secret())))
            .isEqualTo(new ConnectorOutcome.Done("picky answered HTTP " + status, null));
    }

    @ParameterizedTest
    @ValueSource(ints = { 408, 429, 500, 502, 503, 504 })
    void overloadAndServerErrorsAreRetryable(int status) {
        this.system.replyWith(Reply.status(status));

        assertThat(erase(connectorTo(FakeSystems.shared().urlOf("picky"), this.system.secret())))
            .isEqualTo(new ConnectorOutcome.Retryable("picky answered HTTP " + status));
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 403, 404, 409, 422 })
    void otherClientErrorsAreRefusals(int status) {
        this.system.replyWith(new Reply(status, "{\"detail\":\"user-42 is unknown\"}", Duration.ZERO));

        ConnectorOutcome outcome = erase(connectorTo(FakeSystems.shared().urlOf("picky"), this.system.secret()));

        assertThat(outcome).isEqualTo(new ConnectorOutcome.Rejected("picky answered HTTP " + status));
    }

    @Test
    void aSlowSystemTimesOutAndIsRetryable() {
        this.system.replyWith(Reply.ok("late").after(TIMEOUT.multipliedBy(3)));

        assertThat(erase(connectorTo(FakeSystems.shared().urlOf("picky"), this.system.secret())))
            .isEqualTo(new ConnectorOutcome.Retryable("no answer from picky within " + TIMEOUT));
    }

    @Test
    void anUnreachableSystemIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        ConnectorOutcome outcome = erase(connectorTo("http://127.0.0.1:" + closedPort + "/erase", "secret"));

        assertThat(outcome).isInstanceOf(ConnectorOutcome.Retryable.class);
        assertThat(((ConnectorOutcome.Retryable) outcome).reason()).startsWith("could not reach picky (");
    }

    @Test
    void aDoneAnswerWithoutJsonHasNoReference() {
        this.system.replyWith(new Reply(200, "OK", Duration.ZERO));

        assertThat(erase(connectorTo(FakeSystems.shared().urlOf("picky"), this.system.secret())))
            .isEqualTo(new ConnectorOutcome.Done("picky answered HTTP 200", null));
    }

    private ConnectorOutcome erase(HttpWebhookConnector connector) {
        return connector.erase(this.request).block(Duration.ofSeconds(10));
    }

    private static HttpWebhookConnector connectorTo(String url, String secret) {
        return new HttpWebhookConnector("picky", URI.create(url), new WebhookSigner(secret), TIMEOUT,
                JsonMapper.builder().build(), Clock.systemUTC());
    }
}
