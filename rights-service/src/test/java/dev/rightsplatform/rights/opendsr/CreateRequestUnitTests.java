package dev.rightsplatform.rights.opendsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The submitted_time window and the text rules of an OpenDSR create body, without the service around them. */
class CreateRequestUnitTests {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final Duration MAX_AGE = Duration.ofDays(30);
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void submittedTimeFromMaxAgeAgoToFiveMinutesAhead() {
        assertThat(create(NOW.minus(MAX_AGE)).submittedTime()).isEqualTo(NOW.minus(MAX_AGE));
        assertThat(create(NOW.plusSeconds(300)).submittedTime()).isEqualTo(NOW.plusSeconds(300));
        assertThat(refusal(body(NOW.minus(MAX_AGE).minusSeconds(1), "user-1"))).contains("within the last 30 days");
        assertThat(refusal(body(Instant.EPOCH, "user-1"))).contains("within the last 30 days");
        assertThat(refusal(body(NOW.plusSeconds(301), "user-1"))).contains("in the future");
    }

    @Test
    void aLongerMaxAgeStillStopsAt2000() {
        var e = catchThrowableOfType(
                OpenDsrError.class,
                () -> CreateRequest.from(
                        json.readTree(body(Instant.parse("1999-12-31T00:00:00Z"), "user-1")),
                        Set.of("gdpr"),
                        NOW,
                        Duration.ofDays(36500)));
        assertThat(e.errors().get(0).reason()).isEqualTo("invalid_submitted_time");
    }

    @Test
    void controlCharactersAreNamedByTheirPath() {
        var e = catchThrowableOfType(
                OpenDsrError.class,
                () -> CreateRequest.from(json.readTree(body(NOW, "user\\u0000-1")), Set.of("gdpr"), NOW, MAX_AGE));
        assertThat(e.errors()).extracting(OpenDsrError.Item::reason).contains("invalid_characters");
        assertThat(e.errors().get(0).message()).startsWith("subject_identities[0].identity_value ");
    }

    private CreateRequest create(Instant submitted) {
        return CreateRequest.from(json.readTree(body(submitted, "user-1")), Set.of("gdpr"), NOW, MAX_AGE);
    }

    private String refusal(String body) {
        var e = catchThrowableOfType(
                OpenDsrError.class, () -> CreateRequest.from(json.readTree(body), Set.of("gdpr"), NOW, MAX_AGE));
        assertThat(e.errors().get(0).reason()).isEqualTo("invalid_submitted_time");
        return e.errors().get(0).message();
    }

    private static String body(Instant submitted, String identity) {
        return "{\"regulation\":\"gdpr\",\"subject_request_id\":\"" + UUID.randomUUID()
                + "\",\"subject_request_type\":\"access\","
                + "\"submitted_time\":\"" + submitted
                + "\",\"subject_identities\":[{\"identity_type\":\"controller_customer_id\","
                + "\"identity_value\":\"" + identity + "\",\"identity_format\":\"raw\"}]}";
    }
}
