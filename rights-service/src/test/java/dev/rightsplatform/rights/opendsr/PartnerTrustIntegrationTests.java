package dev.rightsplatform.rights.opendsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * A partner acts only for people who linked their account to it, only for the request types the link covers: an
 * unlinked person and a person who does not exist get the same answer; a linked partner's erasure tells the person
 * and runs through the cooling-off, which the person can cancel; a revoked link ends the partner's reach.
 */
@TestPropertySource(properties = "rights.deregistration.cooling-off=1h")
class PartnerTrustIntegrationTests extends AbstractRightsIntegrationTests {

    private static final String PARTNER = "partner-trust";
    private static final String PARTNER_TOKEN = tokens.withRoles(PARTNER, "partner");

    @Autowired
    JsonMapper json;

    @Test
    void anUnlinkedPersonAndANonExistentOneGetTheSameAnswerAndNothingHappens() {
        var linkedElsewhere = "user-" + UUID.randomUUID();
        link(linkedElsewhere, "another-partner", "ACCESS", "EXPORT", "DEREGISTER");
        http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(tokens.subject(linkedElsewhere)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"ACCESS\"}")
                .exchange()
                .expectStatus()
                .isAccepted(); // the person exists here: they have a request of their own
        var before = count("rights_request");

        var unlinked = create("erasure", identity("controller_customer_id", "raw", linkedElsewhere));
        var nobody = create("erasure", identity("controller_customer_id", "raw", "user-" + UUID.randomUUID()));

        assertThat(unlinked.getStatus().value()).isEqualTo(422);
        assertThat(nobody.getStatus()).isEqualTo(unlinked.getStatus());
        assertThat(new String(nobody.getResponseBody(), StandardCharsets.UTF_8))
                .isEqualTo(new String(unlinked.getResponseBody(), StandardCharsets.UTF_8))
                .contains("unknown_subject")
                .doesNotContain(linkedElsewhere);
        assertThat(count("rights_request")).as("nothing created").isEqualTo(before);
    }

    @Test
    void aLinkCoversOnlyTheTypesThePersonChoseAndEndsWhenRevoked() {
        var person = "user-" + UUID.randomUUID();
        link(person, PARTNER, "ACCESS");

        assertThat(create("erasure", identity("controller_customer_id", "raw", person))
                        .getStatus()
                        .value())
                .as("not covered")
                .isEqualTo(422);
        assertThat(create("access", identity("controller_customer_id", "raw", person))
                        .getStatus()
                        .value())
                .isEqualTo(201);

        http.delete()
                .uri("/api/v1/partner-links/" + PARTNER)
                .headers(h -> h.setBearerAuth(tokens.subject(person)))
                .exchange()
                .expectStatus()
                .isNoContent();
        http.get()
                .uri("/api/v1/partner-links")
                .headers(h -> h.setBearerAuth(tokens.subject(person)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(0);
        assertThat(create("portability", identity("controller_customer_id", "raw", person))
                        .getStatus()
                        .value())
                .as("revoked")
                .isEqualTo(422);
        assertThat(count("audit_entry where action in ('partner-link.granted', 'partner-link.revoked')"))
                .isEqualTo(2);
    }

    @Test
    void aPartnerNamesAPersonByEmailRawOrHashedAndOnlyTheLinkedPartnerCan() {
        var person = "user-" + UUID.randomUUID();
        var address = "Trust." + UUID.randomUUID() + "@Example.com";
        link(person, PARTNER, Map.of("email", address), "ACCESS", "EXPORT");

        assertThat(create("access", identity("email", "raw", "  " + address.toLowerCase() + " "))
                        .getStatus()
                        .value())
                .isEqualTo(201);
        var hash = dev.rightsplatform.rights.partner.PartnerLinks.emailHash(address);
        assertThat(create("portability", identity("email", "sha256", hash.toUpperCase()))
                        .getStatus()
                        .value())
                .isEqualTo(201);
        assertThat(count("rights_request where subject_id = '" + person + "'")).isEqualTo(2);
        assertThat(create("access", identity("email", "raw", "someone.else@example.com"))
                        .getStatus()
                        .value())
                .isEqualTo(422);
    }

    @Test
    void aLinkedPartnersErasureTellsThePersonInTheirLanguageAndTheyCanCancelItInTheCoolingOff() {
        var person = "user-" + UUID.randomUUID();
        var address = "erased." + UUID.randomUUID() + "@example.com";
        link(person, PARTNER, Map.of("email", address, "locale", "zh-CN"), "DEREGISTER");

        assertThat(create("erasure", identity("controller_customer_id", "raw", person))
                        .getStatus()
                        .value())
                .isEqualTo(201);
        var received = receive(observedEvents, 1).get(0);
        var event = json.readTree(body(received));
        assertThat(event.get("type").asString()).isEqualTo("request.received");
        assertThat(event.get("recipient").get("email").asString()).isEqualTo(address);
        assertThat(event.get("recipient").get("locale").asString()).isEqualTo("zh-CN");

        var disable = json.readTree(body(receive(observedTasks, 1).get(0)));
        assertThat(disable.get("action").asString()).isEqualTo("DISABLE");
        var result = new LinkedHashMap<String, Object>();
        for (var field : new String[] {"taskId", "requestId", "systemId", "action"}) {
            result.put(field, disable.get(field).asString());
        }
        result.put("outcome", "DONE");
        result.put("attempts", 1);
        result.put("completedAt", Instant.now().toString());
        publishResult(result);
        var requestId = disable.get("requestId").asString();
        var personToken = tokens.subject(person);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "COOLING_OFF"
                        .equals(json.readTree(http.get()
                                        .uri("/api/v1/requests/" + requestId)
                                        .headers(h -> h.setBearerAuth(personToken))
                                        .exchange()
                                        .expectBody(String.class)
                                        .returnResult()
                                        .getResponseBody())
                                .get("status")
                                .asString()));

        http.post()
                .uri("/api/v1/requests/" + requestId + "/cancel")
                .headers(h -> h.setBearerAuth(personToken))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CANCELLED");
    }

    private void link(String subject, String partner, String... types) {
        link(subject, partner, Map.of(), types);
    }

    private void link(String subject, String partner, Map<String, Object> claims, String... types) {
        var token = tokens.withClaims(subject, claims, "data-subject");
        var body = "{\"requestTypes\":["
                + String.join(
                        ",",
                        java.util.Arrays.stream(types).map(t -> "\"" + t + "\"").toList()) + "]}";
        http.put()
                .uri("/api/v1/partner-links/" + partner)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk();
    }

    private static String identity(String type, String format, String value) {
        return "{\"identity_type\":\"" + type + "\",\"identity_format\":\"" + format + "\",\"identity_value\":\""
                + value + "\"}";
    }

    private EntityExchangeResult<byte[]> create(String type, String identity) {
        var body = "{\"regulation\":\"gdpr\",\"subject_request_id\":\"" + UUID.randomUUID()
                + "\",\"subject_request_type\":\"" + type + "\",\"subject_identities\":[" + identity
                + "],\"submitted_time\":\"" + Instant.now().minusSeconds(60) + "\"}";
        return http.post()
                .uri("/opendsr/v2/requests")
                .headers(h -> h.setBearerAuth(PARTNER_TOKEN))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectBody(byte[].class)
                .returnResult();
    }
}
