package dev.rightsplatform.rights.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.support.IntegrationTestBase;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code GET /api/v1/deadlines} on the running service, without a token (it is public): the answer's fields, and a
 * problem with a stable type for each bad parameter. Expected dates worked out by hand, as in the table tests.
 */
class DeadlineApiIntegrationTests extends IntegrationTestBase {

    @Test
    void answersTheDeadlineWithItsRuleAndExtension() {
        // 29 Feb + 1 month = 29 Mar, Good Friday; weekend; 1 Apr Easter Monday; so Tue 2 Apr, ending 23:59:59.999999 CEST
        deadlines("jurisdiction=DE&type=ACCESS&receivedAt=2024-02-29T10:00:00Z")
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.jurisdiction").isEqualTo("DE")
                .jsonPath("$.regime").isEqualTo("GDPR")
                .jsonPath("$.type").isEqualTo("ACCESS")
                .jsonPath("$.zone").isEqualTo("Europe/Berlin")
                .jsonPath("$.dueDate").isEqualTo("2024-04-02")
                .jsonPath("$.dueAt").isEqualTo("2024-04-02T21:59:59.999999Z")
                .jsonPath("$.rule").value(rule -> assertThat((String) rule)
                        .startsWith("GDPR Art. 12(3): one month from receipt (Reg. 1182/71)")
                        .contains("2024-03-29 is not a working day"))
                .jsonPath("$.provisional").isEqualTo(false)
                .jsonPath("$.extensionAllowed").isEqualTo(true)
                .jsonPath("$.extension.dueDate").isEqualTo("2024-05-29")
                .jsonPath("$.acknowledgement").doesNotExist();
    }

    @Test
    void receivedAtDefaultsToNowAndTypeIsReadLeniently() {
        deadlines("jurisdiction=us-ca&type=opt-out-of-sale")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.jurisdiction").isEqualTo("US-CA")
                .jsonPath("$.type").isEqualTo("OPT_OUT_OF_SALE")
                .jsonPath("$.dueDate").exists()
                .jsonPath("$.extensionAllowed").isEqualTo(false)
                .jsonPath("$.extension").doesNotExist();
    }

    @Test
    void ccpaShowsTheAcknowledgementMilestone() {
        deadlines("jurisdiction=US-CA&type=ACCESS&receivedAt=2025-01-15T18:00:00Z")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.dueDate").isEqualTo("2025-03-01")
                .jsonPath("$.acknowledgement.dueDate").isEqualTo("2025-01-30")
                .jsonPath("$.extension.dueDate").isEqualTo("2025-04-15");
    }

    @Test
    void aChineseDeadlineIntoAYearWithoutDataIsProvisional() {
        deadlines("jurisdiction=CN&type=DEREGISTER&receivedAt=2026-12-20T02:00:00Z")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.dueDate").isEqualTo("2027-01-08")
                .jsonPath("$.provisional").isEqualTo(true)
                .jsonPath("$.yearsWithoutData[0]").isEqualTo(2027);
    }

    @Test
    void anOffsetDateTimeIsAcceptedWhenItsPlusIsEncoded() {
        // 01:00 on 10 Oct in Shanghai: counting starts from 10 Oct
        deadlines("jurisdiction=CN&type=DEREGISTER&receivedAt=2025-10-10T01:00:00%2B08:00")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.dueDate").isEqualTo("2025-10-30");
    }

    @Test
    void badParametersAreProblemsWithAStableType() {
        problem("jurisdiction=XX&type=ACCESS", 400, "/problems/unknown-jurisdiction")
                .jsonPath("$.supported").value(codes -> assertThat(codes.toString()).contains("GB-SCT"));
        problem("type=ACCESS", 400, "/problems/invalid-request").jsonPath("$.errors[0].field").isEqualTo("jurisdiction");
        problem("jurisdiction=DE&type=ERASE", 400, "/problems/invalid-request").jsonPath("$.errors[0].field").isEqualTo("type");
        problem("jurisdiction=DE&type=ACCESS&receivedAt=yesterday", 400, "/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("receivedAt")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).doesNotContain("yesterday"));
        problem("jurisdiction=CN&type=ACCESS&receivedAt=2025-09-05T00:00:00Z&verifiedAt=2025-09-01T00:00:00Z", 400,
                "/problems/invalid-request");
        problem("jurisdiction=CN&type=OPT_OUT_OF_SALE", 422, "/problems/no-deadline-policy");
    }

    /** The query goes out exactly as written (a URI template would encode the % of %2B again). */
    private WebTestClient.ResponseSpec deadlines(String query) {
        return http.get().uri(URI.create("http://127.0.0.1:" + port + "/api/v1/deadlines?" + query)).exchange();
    }

    private WebTestClient.BodyContentSpec problem(String query, int status, String type) {
        return deadlines(query)
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(type);
    }
}
