package dev.rightsplatform.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The partner API as an OpenDSR controller uses it, through the gateway with a real client-credentials token:
 * discovery, signed creates verified with the served certificate, idempotency and conflicts, status through to
 * completed with results for access and portability, a signed callback for each change, cancel while pending and
 * after, invalid bodies, and another partner kept out.
 */
@ExtendWith(PlatformExtension.class)
class PartnerApiSystemTests {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Platform platform;
    private static GatewayApi api;
    private static HttpServer controller;
    private static final List<Callback> callbacks = new CopyOnWriteArrayList<>();
    private static String partnerToken;
    private static String partnerId;
    private static String otherPartnerToken;
    private static X509Certificate certificate;

    record Callback(byte[] body, String signature) {
        JsonNode json() {
            try {
                return GatewayApi.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @BeforeAll
    static void controller(Platform running) throws Exception {
        platform = running;
        api = new GatewayApi(running);
        controller = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        controller.createContext("/opendsr-callbacks", exchange -> {
            callbacks.add(new Callback(
                    exchange.getRequestBody().readAllBytes(),
                    exchange.getRequestHeaders().getFirst("X-OpenDSR-Signature")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        controller.start();
        var partner = platform.keycloak.newPartner();
        partnerToken = platform.keycloak.clientToken(partner.clientId(), partner.secret());
        partnerId = partner.clientId();
        var other = platform.keycloak.newPartner();
        otherPartnerToken = platform.keycloak.clientToken(other.clientId(), other.secret());

        var discovery = api.call("GET", "/opendsr/v2/discovery", null, null);
        assertThat(discovery.statusCode()).isEqualTo(200);
        var certificateUrl = api.json(discovery).get("processor_certificate").asText();
        var pem = HTTP.send(
                HttpRequest.newBuilder(URI.create(certificateUrl)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pem.statusCode()).isEqualTo(200);
        certificate = (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem.body()));
    }

    @AfterAll
    static void stop() {
        controller.stop(0);
    }

    /** The person authorises the partner in every type, as they would in the portal. */
    private static KeycloakAccounts.Person linked(KeycloakAccounts.Person person) throws Exception {
        var answer = api.call(
                "PUT",
                "/api/v1/partner-links/" + partnerId,
                platform.keycloak.accessToken(person),
                "{\"requestTypes\":[\"ACCESS\",\"EXPORT\",\"DEREGISTER\"]}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return person;
    }

    @Test
    void anUnlinkedPersonIsUnknownToThePartnerAndKeepsTheirAccount() throws Exception {
        var person = platform.keycloak.newDataSubject("en");
        var unlinked = post(create(UUID.randomUUID().toString(), "erasure", person.id()), partnerToken);
        var nobody = post(
                create(
                        UUID.randomUUID().toString(),
                        "erasure",
                        UUID.randomUUID().toString()),
                partnerToken);
        assertThat(unlinked.statusCode()).isEqualTo(422);
        assertThat(nobody.statusCode()).isEqualTo(422);
        assertThat(new String(unlinked.body(), StandardCharsets.UTF_8))
                .isEqualTo(new String(nobody.body(), StandardCharsets.UTF_8));
        assertThat(platform.keycloak.exists(person.id()) && platform.keycloak.isEnabled(person.id()))
                .isTrue();
    }

    @Test
    void discoveryTellsWhatIsSupported() throws Exception {
        var discovery = api.json(api.call("GET", "/opendsr/v2/discovery", null, null));
        assertThat(discovery.get("api_version").asText()).isEqualTo("2.0");
        assertThat(discovery.get("supported_subject_request_types").toString())
                .contains("access", "portability", "erasure");
        assertThat(discovery.get("supported_identities").toString()).contains("controller_customer_id");
        assertThat(discovery.get("processor_certificate").asText()).startsWith(platform.gatewayUrl());
    }

    @Test
    void accessIsCreatedIdempotentlyAndCompletesWithSignedCallbacksAndResults() throws Exception {
        var person = linked(platform.keycloak.newDataSubject("en"));
        var id = UUID.randomUUID().toString();
        var body = create(id, "access", person.id());
        var created = post(body, partnerToken);
        assertThat(created.statusCode())
                .as(new String(created.body(), StandardCharsets.UTF_8))
                .isEqualTo(201);
        assertSigned(created);
        var answer = GatewayApi.JSON.readTree(created.body());
        assertThat(answer.fieldNames())
                .toIterable()
                .contains(
                        "controller_id",
                        "expected_completion_time",
                        "received_time",
                        "encoded_request",
                        "subject_request_id");
        assertThat(new String(
                        Base64.getDecoder().decode(answer.get("encoded_request").asText()), StandardCharsets.UTF_8))
                .isEqualTo(body);

        var again = post(body, partnerToken);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(created.body());
        var conflict = post(create(id, "erasure", person.id()), partnerToken);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertSigned(conflict);

        var completed = awaitStatus(id, "completed");
        var resultsUrl = completed.get("results_url").asText();
        // each fake system holds 4 records about a person (FakeDownstreamSystem.partDocument)
        assertThat(completed.get("results_count").asInt()).isEqualTo(4 * Platform.DATA_SYSTEMS.size());
        var results = HTTP.send(
                HttpRequest.newBuilder(URI.create(resultsUrl))
                        .header("Authorization", "Bearer " + partnerToken)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(results.statusCode()).isEqualTo(200);
        var systems = GatewayApi.JSON.readTree(results.body()).get("systems");
        assertThat(systems).hasSize(Platform.DATA_SYSTEMS.size());
        assertThat(systems.get(0).at("/categories/profile/0/userId").asText()).isEqualTo(person.id());
        var stranger = HTTP.send(
                HttpRequest.newBuilder(URI.create(resultsUrl))
                        .header("Authorization", "Bearer " + otherPartnerToken)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stranger.statusCode()).isEqualTo(404);

        var mine = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> callbacksFor(id),
                        list -> list.stream()
                                .anyMatch(callback -> "completed"
                                        .equals(callback.json()
                                                .get("request_status")
                                                .asText())));
        for (var callback : mine) {
            assertThat(verifies(callback.body(), callback.signature()))
                    .as("callback signature")
                    .isTrue();
            assertThat(callback.json().get("status_callback_url").asText()).isEqualTo(callbackUrl());
        }
        assertThat(mine.get(mine.size() - 1).json().get("results_url").asText()).isEqualTo(resultsUrl);
    }

    @Test
    void portabilityCompletesWithAnArchiveMatchingItsManifest() throws Exception {
        var person = linked(platform.keycloak.newDataSubject("en"));
        var id = UUID.randomUUID().toString();
        assertThat(post(create(id, "portability", person.id()), partnerToken).statusCode())
                .isEqualTo(201);
        var resultsUrl = awaitStatus(id, "completed").get("results_url").asText();
        var zip = HTTP.send(
                HttpRequest.newBuilder(URI.create(resultsUrl))
                        .header("Authorization", "Bearer " + partnerToken)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        var names = new java.util.ArrayList<String>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        assertThat(names).contains("manifest.json", "index.html", "systems/crm.json");
    }

    @Test
    void anErasureCanBeCancelledWhilePendingAndNotAfter() throws Exception {
        var person = linked(platform.keycloak.newDataSubject("en"));
        var id = UUID.randomUUID().toString();
        assertThat(post(create(id, "erasure", person.id()), partnerToken).statusCode())
                .isEqualTo(201);
        awaitStatus(id, "pending"); // the deregistration's cooling-off: the account is only disabled
        // the person hears at once, from the platform, what the partner started
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !api.mailsTo(person.email()).isEmpty());
        var cancelled = send("DELETE", "/opendsr/v2/requests/" + id, partnerToken, null);
        assertThat(cancelled.statusCode()).isEqualTo(202);
        assertSigned(cancelled);
        assertThat(awaitStatus(id, "cancelled").get("request_status").asText()).isEqualTo("cancelled");
        await().atMost(Duration.ofSeconds(30)).until(() -> platform.keycloak.isEnabled(person.id()));
        var after = send("DELETE", "/opendsr/v2/requests/" + id, partnerToken, null);
        assertThat(after.statusCode()).isEqualTo(409);
        assertThat(after.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> callbacksFor(id).stream()
                        .anyMatch(callback -> "cancelled"
                                .equals(callback.json().get("request_status").asText())));
        assertThat(callbacksFor(id))
                .allSatisfy(callback -> assertThat(verifies(callback.body(), callback.signature()))
                        .isTrue());
        assertThat(FakeDownstreamSystem.mentioning(platform.crm.calls, person.id()))
                .as("nothing erased")
                .isEmpty();
    }

    @Test
    void invalidBodiesAnotherPartnerAndNoTokenAreRefused() throws Exception {
        var secret = "someone-" + UUID.randomUUID() + "@example.com";
        var invalid = post(
                create("not-a-uuid", "access", secret).replace("controller_customer_id", "ios_advertising_id"),
                partnerToken);
        assertThat(invalid.statusCode()).isEqualTo(400);
        var error = GatewayApi.JSON.readTree(invalid.body());
        assertThat(error.at("/error/code").asInt()).isEqualTo(400);
        assertThat(error.at("/error/errors").size()).isGreaterThanOrEqualTo(2);
        assertThat(new String(invalid.body(), StandardCharsets.UTF_8)).doesNotContain(secret);

        var person = linked(platform.keycloak.newDataSubject("en"));
        var id = UUID.randomUUID().toString();
        assertThat(post(create(id, "access", person.id()), partnerToken).statusCode())
                .isEqualTo(201);
        assertThat(send("GET", "/opendsr/v2/requests/" + id, otherPartnerToken, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(send("DELETE", "/opendsr/v2/requests/" + id, otherPartnerToken, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(send("GET", "/opendsr/v2/requests/" + id, null, null).statusCode())
                .isEqualTo(401);
        var personToken = platform.keycloak.accessToken(person);
        assertThat(send("GET", "/opendsr/v2/requests/" + id, personToken, null).statusCode())
                .isEqualTo(403);
    }

    private static JsonNode awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            var response = send("GET", "/opendsr/v2/requests/" + id, partnerToken, null);
                            assertSigned(response);
                            return GatewayApi.JSON.readTree(response.body());
                        },
                        node -> status.equals(node.path("request_status").asText()));
    }

    private static List<Callback> callbacksFor(String id) {
        return callbacks.stream()
                .filter(callback ->
                        id.equals(callback.json().get("subject_request_id").asText()))
                .toList();
    }

    private static String callbackUrl() {
        return "http://127.0.0.1:" + controller.getAddress().getPort() + "/opendsr-callbacks";
    }

    private static String create(String id, String type, String subjectId) {
        return "{\"regulation\":\"gdpr\",\"subject_request_id\":\"" + id + "\",\"subject_request_type\":\"" + type
                + "\","
                + "\"submitted_time\":\""
                + Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\","
                + "\"api_version\":\"2.0\",\"subject_identities\":[{\"identity_type\":\"controller_customer_id\","
                + "\"identity_value\":\"" + subjectId + "\",\"identity_format\":\"raw\"}],"
                + "\"status_callback_urls\":[\"" + callbackUrl() + "\"]}";
    }

    private static HttpResponse<byte[]> post(String body, String token) throws Exception {
        return send("POST", "/opendsr/v2/requests", token, body);
    }

    private static HttpResponse<byte[]> send(String method, String path, String token, String body) throws Exception {
        var builder =
                HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertSigned(HttpResponse<byte[]> response) throws Exception {
        var signature = response.headers().firstValue("X-OpenDSR-Signature").orElseThrow();
        assertThat(verifies(response.body(), signature))
                .as("response signature")
                .isTrue();
        assertThat(response.headers().firstValue("X-OpenDSR-Processor-Domain")).isPresent();
    }

    private static boolean verifies(byte[] body, String signature) throws Exception {
        var verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(body);
        return verifier.verify(Base64.getDecoder().decode(signature));
    }
}
