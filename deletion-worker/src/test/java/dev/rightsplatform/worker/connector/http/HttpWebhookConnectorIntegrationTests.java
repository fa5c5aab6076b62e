package dev.rightsplatform.worker.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.worker.connector.Action;
import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.connector.Proof;
import dev.rightsplatform.worker.connector.Retention;
import dev.rightsplatform.worker.connector.TaskRequest;
import dev.rightsplatform.worker.support.FakeSystem;
import dev.rightsplatform.worker.support.FakeSystem.Reply;
import dev.rightsplatform.worker.support.FakeSystems;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** The webhook connector against a real (fake) HTTP server: what it sends, and how it reads each kind of answer. */
class HttpWebhookConnectorIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final FakeSystem system = FakeSystems.shared().system(FakeSystems.PICKY);

    private final TaskRequest request = new TaskRequest(
            UUID.randomUUID(), UUID.randomUUID(), "picky", Action.ERASE, "user-42", Instant.now(), null);

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
        assertThat(Long.parseLong(call.timestamp()))
                .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
        assertThat(call.body().propertyNames()).containsExactly("taskId", "requestId", "action", "subject");
        assertThat(call.body().path("taskId").asString())
                .isEqualTo(this.request.taskId().toString());
        assertThat(call.body().path("requestId").asString())
                .isEqualTo(this.request.requestId().toString());
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
    @ValueSource(ints = {200, 201, 202, 204})
    void anyTwoHundredIsDone(int status) {
        this.system.replyWith(Reply.status(status));

        assertThat(erase(connectorTo(FakeSystems.shared().urlOf("picky"), this.system.secret())))
                .isEqualTo(new ConnectorOutcome.Done("picky answered HTTP " + status, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void overloadAndServerErrorsAreRetryable(int status) {
        this.system.replyWith(Reply.status(status));

        assertThat(erase(connectorTo(FakeSystems.shared().urlOf("picky"), this.system.secret())))
                .isEqualTo(new ConnectorOutcome.Retryable("picky answered HTTP " + status));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 409, 422})
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

    @Test
    void aDoneAnswerCarriesItsProofAndLegalHolds() {
        this.system.replyWith(Reply.json(200, """
                {"status":"done","reference":"picky-9","deleted":3,"anonymised":2,"retained":1,
                 "retention":[{"category":"invoices","basis":"PRC Accounting Archives Measures Art. 14",
                               "until":"2035-12-31"},
                              {"category":"no basis, no date: left out"}]}
                """));

        ConnectorOutcome outcome = erase(connector());

        assertThat(outcome)
                .isEqualTo(new ConnectorOutcome.Done(
                        "picky answered HTTP 200",
                        "picky-9",
                        new Proof(3, 2, 1),
                        List.of(new Retention(
                                "invoices", "PRC Accounting Archives Measures Art. 14", LocalDate.of(2035, 12, 31)))));
    }

    @Test
    void countsOfTheWrongShapeAreLeftOut() {
        this.system.replyWith(Reply.json(200, "{\"deleted\":-1,\"anonymised\":\"two\",\"retained\":0}"));

        assertThat(erase(connector()))
                .isEqualTo(new ConnectorOutcome.Done(
                        "picky answered HTTP 200", null, new Proof(null, null, 0), List.of()));
    }

    @Test
    void anAcceptedAnswerMeansTheSystemReportsLater() {
        this.system.replyWith(Reply.json(202, "{\"status\":\"accepted\",\"reference\":\"job-9\"}"));

        assertThat(erase(connector()))
                .isEqualTo(new ConnectorOutcome.Waiting("job-9", "picky accepted the task and reports later", null));
    }

    @Test
    void aPrecheckIsSignedAndPostedToThePrecheckUrl() {
        this.system.answerPrecheck(Reply.json(200, "{\"canClose\":true}"));

        ConnectorOutcome outcome = precheck(connector());

        assertThat(outcome).isEqualTo(new ConnectorOutcome.Done("picky: the account may be closed", null));
        FakeSystem.Call call = this.system.calls().get(0);
        assertThat(call.path()).isEqualTo("/picky/precheck");
        assertThat(call.signatureValid()).isTrue();
        assertThat(call.body().path("action").asString()).isEqualTo("PRECHECK");
    }

    @Test
    void aPrecheckThatSaysNoBlocksWithTheSystemsReason() {
        this.system.answerPrecheck(Reply.json(200, "{\"canClose\":false,\"reason\":\"an order is still open\"}"));

        assertThat(precheck(connector())).isEqualTo(new ConnectorOutcome.Blocked("an order is still open"));
    }

    @Test
    void aPrecheckAnswerWithoutCanCloseIsARefusal() {
        this.system.answerPrecheck(Reply.json(200, "{\"maybe\":true}"));

        assertThat(precheck(connector()))
                .isEqualTo(new ConnectorOutcome.Rejected("picky answered HTTP 200 without a boolean canClose"));
    }

    @Test
    void aSystemWithoutPrecheckUrlDoesNotSupportPrecheck() {
        HttpWebhookConnector withoutPrecheck =
                connector(FakeSystems.shared().urlOf("picky"), null, this.system.secret());

        assertThat(precheck(withoutPrecheck))
                .isEqualTo(new ConnectorOutcome.Rejected(
                        "system picky (type http) has no precheck-url, so it does not support PRECHECK"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DISABLE", "ENABLE"})
    void anActionAWebhookCannotDoIsRefusedWithoutACall(String action) {
        TaskRequest task = new TaskRequest(
                UUID.randomUUID(), UUID.randomUUID(), "picky", Action.valueOf(action), "user-42", Instant.now(), null);

        ConnectorOutcome outcome = connector().carryOut(task).block(Duration.ofSeconds(10));

        assertThat(outcome)
                .isEqualTo(new ConnectorOutcome.Rejected("system picky (type http) does not support " + action));
        assertThat(this.system.calls()).isEmpty();
    }

    private ConnectorOutcome erase(HttpWebhookConnector connector) {
        return connector.erase(this.request).block(Duration.ofSeconds(10));
    }

    private ConnectorOutcome precheck(HttpWebhookConnector connector) {
        return connector.precheck(this.request).block(Duration.ofSeconds(10));
    }

    private HttpWebhookConnector connector() {
        return connectorTo(FakeSystems.shared().urlOf("picky"), this.system.secret());
    }

    private static HttpWebhookConnector connectorTo(String url, String secret) {
        return connector(url, FakeSystems.shared().baseUrl() + "/picky/precheck", secret);
    }

    private static HttpWebhookConnector connector(String url, @Nullable String precheckUrl, String secret) {
        JsonMapper json = JsonMapper.builder().build();
        WebhookSigner signer = new WebhookSigner(secret);
        HttpAnswers answers = new HttpAnswers("picky", json);
        HttpEndpoints endpoints =
                new HttpEndpoints(URI.create(url), precheckUrl != null ? URI.create(precheckUrl) : null, null, null);
        return new HttpWebhookConnector(
                "picky",
                endpoints,
                new SignedRequests(signer, json, Clock.systemUTC()),
                TIMEOUT,
                answers,
                new HttpCallbackReader("picky", signer, Duration.ofMinutes(5), Clock.systemUTC(), answers),
                null);
    }
}
