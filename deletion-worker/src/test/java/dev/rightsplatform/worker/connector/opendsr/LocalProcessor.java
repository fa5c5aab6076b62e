package dev.rightsplatform.worker.connector.opendsr;

import dev.rightsplatform.worker.connector.opendsr.RecordingServer.Reply;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake OpenDSR processor for tests without the worker around it, on a {@link RecordingServer} at 127.0.0.1: it
 * serves discovery (naming whatever certificate URL the test says, by default its own /opendsr/cert.pem), its
 * certificate, and signed answers to POST /requests and GET /requests/{id}; it makes signed callback bodies for the
 * test to post. Calls without its API key are answered 401.
 */
final class LocalProcessor implements AutoCloseable {

    static final String API_KEY = "local-processor-api-key";

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A body as the processor signed it, with its X-OpenDSR-Signature. */
    record Signed(byte[] body, String signature) {}

    /** The processor's signing key and certificate, one for all tests (an RSA key takes a while to make). */
    private static final TestCertificate SIGNING = TestCertificate.issue("processor.test");

    final RecordingServer server = RecordingServer.http("127.0.0.1");

    final TestCertificate signing = SIGNING;

    private volatile String certificateUrl;

    LocalProcessor() {
        this.certificateUrl = this.server.origin() + "/opendsr/cert.pem";
        this.server
                .answer("GET", "/opendsr/cert.pem", request -> Reply.of(200, this.signing.pem()))
                .answer(
                        "GET",
                        "/opendsr/v2/discovery",
                        request -> authorised(
                                request,
                                () -> Reply.of(
                                        200,
                                        JSON.writeValueAsBytes(Map.of(
                                                "api_version",
                                                "2.0",
                                                "supported_subject_request_types",
                                                List.of("erasure"),
                                                "processor_certificate",
                                                this.certificateUrl)))))
                .answer(
                        "POST",
                        "/opendsr/v2/requests",
                        request -> authorised(request, () -> {
                            String id = JSON.readTree(request.body())
                                    .path("subject_request_id")
                                    .asString();
                            return signed(
                                    201,
                                    Map.of(
                                            "controller_id",
                                            "rights-platform",
                                            "subject_request_id",
                                            id,
                                            "received_time",
                                            Instant.now().toString(),
                                            "expected_completion_time",
                                            later()));
                        }))
                .answer(
                        "GET",
                        "/opendsr/v2/requests/",
                        request -> authorised(request, () -> Reply.of(404, new byte[0])));
    }

    /** The base-url the worker is configured with. */
    String base() {
        return this.server.origin() + "/opendsr/v2";
    }

    /** What discovery names as processor_certificate from now on. */
    void namesCertificate(String url) {
        this.certificateUrl = url;
    }

    /** Answers GET /requests/{id} with status, naming answeredId as its subject_request_id (normally id itself). */
    void answersStatus(String id, String status, String answeredId) {
        this.server.answer(
                "GET",
                "/opendsr/v2/requests/" + id,
                request -> authorised(
                        request,
                        () -> signed(
                                200,
                                Map.of(
                                        "controller_id",
                                        "rights-platform",
                                        "subject_request_id",
                                        answeredId,
                                        "request_status",
                                        status,
                                        "expected_completion_time",
                                        later()))));
    }

    /** A status callback body as the processor would post it to url, signed (not posted: the test does that). */
    Signed callback(String url, String id, String status) {
        return sign(Map.of(
                "controller_id",
                "rights-platform",
                "status_callback_url",
                url,
                "subject_request_id",
                id,
                "request_status",
                status,
                "expected_completion_time",
                later()));
    }

    Signed sign(Map<String, ?> fields) {
        byte[] body = JSON.writeValueAsBytes(fields);
        return new Signed(body, this.signing.sign(body));
    }

    /** The worker's client for this processor, with an optional certificate-url and a client trusting tls. */
    OpenDsrClient client(@Nullable URI certificateUrl, X509Certificate tls) {
        return new OpenDsrClient(
                "vendor", URI.create(base()), API_KEY, certificateUrl, Duration.ofSeconds(3), JSON, trusting(tls));
    }

    /** A Reactor Netty client that trusts the test servers' TLS certificate (and nothing else). */
    static HttpClient trusting(X509Certificate tls) {
        return HttpClient.create()
                .secure(spec ->
                        spec.sslContext(Http11SslContextSpec.forClient().configure(ssl -> ssl.trustManager(tls))));
    }

    @Override
    public void close() {
        this.server.close();
    }

    private Reply signed(int status, Map<String, ?> fields) {
        Signed signed = sign(fields);
        return new Reply(
                status,
                Map.of("Content-Type", "application/json", OpenDsrClient.SIGNATURE_HEADER, signed.signature()),
                signed.body());
    }

    private static String later() {
        return Instant.now().plus(1, ChronoUnit.DAYS).toString();
    }

    private static Reply authorised(RecordingServer.Received request, Supplier<Reply> answer) {
        return ("Bearer " + API_KEY).equals(request.header("Authorization"))
                ? answer.get()
                : Reply.of(401, new byte[0]);
    }
}
