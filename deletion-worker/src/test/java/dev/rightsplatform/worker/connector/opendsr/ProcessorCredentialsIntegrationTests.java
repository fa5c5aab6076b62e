package dev.rightsplatform.worker.connector.opendsr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.worker.connector.Action;
import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.connector.TaskRequest;
import dev.rightsplatform.worker.connector.opendsr.RecordingServer.Received;
import dev.rightsplatform.worker.connector.opendsr.RecordingServer.Reply;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where the processor's API key goes, with real local servers: the processor (http, 127.0.0.1) and other hosts that
 * stand for the rest of the network (https on 127.0.0.1 at another port, https and http on 127.0.0.2). The key goes
 * with every call to the processor's origin and nowhere else: the certificate is fetched without any credential, only
 * from the processor's origin or over https on its host (elsewhere only when certificate-url says so), and no
 * redirect is followed.
 */
class ProcessorCredentialsIntegrationTests {

    private static final TestCertificate TLS = TestCertificate.issue("elsewhere.test");

    private final LocalProcessor processor = new LocalProcessor();

    /** The processor's host, another port, over https. */
    private final RecordingServer sameHostTls =
            servingTheCertificate(RecordingServer.https("127.0.0.1", TLS.serverTls()));

    /** Another host over https. */
    private final RecordingServer otherHostTls =
            servingTheCertificate(RecordingServer.https("127.0.0.2", TLS.serverTls()));

    /** Another host over plain http. */
    private final RecordingServer otherHostPlain = servingTheCertificate(RecordingServer.http("127.0.0.2"));

    /** The processor's host, another port, over plain http. */
    private final RecordingServer sameHostPlain = servingTheCertificate(RecordingServer.http("127.0.0.1"));

    @AfterEach
    void stop() {
        for (AutoCloseable server :
                List.of(this.processor, this.sameHostTls, this.otherHostTls, this.otherHostPlain, this.sameHostPlain)) {
            try {
                server.close();
            } catch (Exception ex) {
                // stopping a test server; nothing to do
            }
        }
    }

    @Test
    void theApiKeyGoesToTheProcessorWhileTheCertificateIsFetchedWithoutAnyCredential() {
        this.processor.namesCertificate(this.sameHostTls.origin() + "/cert.pem");

        OpenDsrClient.Answer answer = submit(client(null));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.signed())
                .as("verified with the certificate fetched over https")
                .isTrue();
        assertThat(this.processor.server.received())
                .extracting(Received::path)
                .containsExactly("/opendsr/v2/requests", "/opendsr/v2/discovery");
        assertThat(this.processor.server.received())
                .allSatisfy(
                        call -> assertThat(call.header("Authorization")).isEqualTo("Bearer " + LocalProcessor.API_KEY));
        Received certificateFetch = onlyCallTo(this.sameHostTls);
        assertThat(certificateFetch.path()).isEqualTo("/cert.pem");
        assertThat(certificateFetch.header("Authorization")).isNull();
        assertThat(certificateFetch.carries(LocalProcessor.API_KEY)).isFalse();
    }

    @Test
    void aCertificateOnTheProcessorsOwnOriginIsFetchedWithoutTheApiKeyToo() {
        OpenDsrClient.Answer answer = submit(client(null));

        assertThat(answer.signed()).isTrue();
        Received certificateFetch = this.processor.server.received().stream()
                .filter(call -> call.path().equals("/opendsr/cert.pem"))
                .findFirst()
                .orElseThrow();
        assertThat(certificateFetch.header("Authorization")).isNull();
        assertThat(certificateFetch.carries(LocalProcessor.API_KEY)).isFalse();
    }

    @Test
    void aCertificateThatDiscoveryNamesOnAnotherHostOrOverPlainHttpElsewhereIsNotFetched() {
        for (RecordingServer elsewhere : List.of(this.otherHostTls, this.otherHostPlain, this.sameHostPlain)) {
            this.processor.namesCertificate(elsewhere.origin() + "/cert.pem");

            OpenDsrClient.Answer answer = submit(client(null)); // a fresh client: nothing cached

            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.signed())
                    .as("no certificate from %s", elsewhere.origin())
                    .isFalse();
            assertThat(elsewhere.received())
                    .as("nothing went to %s", elsewhere.origin())
                    .isEmpty();
        }
    }

    @Test
    void aConfiguredCertificateUrlOnAnotherHostIsFetchedWithoutTheApiKeyAndDiscoveryIsNotAsked() {
        OpenDsrClient client = client(URI.create(this.otherHostTls.origin() + "/cert.pem"));

        OpenDsrClient.Answer answer = submit(client);

        assertThat(answer.signed()).isTrue();
        Received certificateFetch = onlyCallTo(this.otherHostTls);
        assertThat(certificateFetch.header("Authorization")).isNull();
        assertThat(certificateFetch.carries(LocalProcessor.API_KEY)).isFalse();
        assertThat(this.processor.server.received()).extracting(Received::path).containsExactly("/opendsr/v2/requests");
    }

    @Test
    void redirectsAreNotFollowedFromTheProcessorNorFromItsCertificate() {
        String away = this.otherHostPlain.origin();
        this.processor.server.answer("GET", "/opendsr/cert.pem", request -> Reply.redirect(302, away + "/cert.pem"));

        OpenDsrClient.Answer submitted = submit(client(null));

        assertThat(submitted.signed())
                .as("the redirected certificate is not fetched")
                .isFalse();
        this.processor.server.answer(
                "POST", "/opendsr/v2/requests", request -> Reply.redirect(307, away + "/opendsr/v2/requests"));
        this.processor.server.answer(
                "GET", "/opendsr/v2/discovery", request -> Reply.redirect(302, away + "/opendsr/v2/discovery"));
        OpenDsrClient fresh = client(null);
        OpenDsrClient.Answer redirected = submit(fresh);
        assertThat(redirected.status()).isEqualTo(307);
        assertThat(redirected.signed()).isFalse();
        assertThat(fresh.verifies(new byte[] {1}, "AQ==").block(Duration.ofSeconds(10)))
                .isFalse();
        assertThat(this.otherHostPlain.received())
                .as("nothing followed a redirect off the processor")
                .isEmpty();
    }

    @Test
    void aStatusAnswerSignedForAnotherRequestSettlesNothing() {
        OpenDsrConnector connector = new OpenDsrConnector(
                "vendor",
                client(null),
                "gdpr",
                CallbackUrls.of(URI.create("https://worker.test"), "vendor"),
                Duration.ofMinutes(1),
                LocalProcessor.JSON);
        TaskRequest task = new TaskRequest(
                UUID.randomUUID(), UUID.randomUUID(), "vendor", Action.ERASE, "user-1", Instant.now(), null);
        String id = task.taskId().toString();
        String other = UUID.randomUUID().toString();

        this.processor.answersStatus(id, "completed", other);
        ConnectorOutcome replayed = connector.checkStatus(task, id).block(Duration.ofSeconds(10));
        this.processor.answersStatus(id, "completed", id);
        ConnectorOutcome genuine = connector.checkStatus(task, id).block(Duration.ofSeconds(10));

        assertThat(replayed).isInstanceOf(ConnectorOutcome.Retryable.class);
        assertThat(((ConnectorOutcome.Retryable) replayed).reason()).contains("not about the request asked for");
        assertThat(genuine).isInstanceOf(ConnectorOutcome.Done.class);
    }

    private OpenDsrClient client(@Nullable URI certificateUrl) {
        return this.processor.client(certificateUrl, TLS.certificate());
    }

    private OpenDsrClient.Answer submit(OpenDsrClient client) {
        byte[] body = LocalProcessor.JSON.writeValueAsBytes(
                Map.of("subject_request_id", UUID.randomUUID().toString()));
        return client.post("/requests", body).block(Duration.ofSeconds(10));
    }

    private RecordingServer servingTheCertificate(RecordingServer server) {
        return server.answer("GET", "/cert.pem", request -> Reply.of(200, this.processor.signing.pem()));
    }

    private static Received onlyCallTo(RecordingServer server) {
        assertThat(server.received()).hasSize(1);
        return server.received().get(0);
    }
}
