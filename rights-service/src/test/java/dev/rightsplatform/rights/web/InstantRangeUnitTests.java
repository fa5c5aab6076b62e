package dev.rightsplatform.rights.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The accepted times: from 2000-01-01 to a year after now, both ends included. */
class InstantRangeUnitTests {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void theEndsAreIncludedAndWhatLiesOutsideIsRefused() {
        assertThat(InstantRange.refusal(Instant.parse("2000-01-01T00:00:00Z"), NOW))
                .isNull();
        assertThat(InstantRange.refusal(NOW.plus(Duration.ofDays(366)), NOW)).isNull();
        assertThat(InstantRange.refusal(Instant.parse("1999-12-31T23:59:59Z"), NOW))
                .contains("2000-01-01");
        assertThat(InstantRange.refusal(Instant.EPOCH, NOW)).contains("2000-01-01");
        assertThat(InstantRange.refusal(NOW.plus(Duration.ofDays(367)), NOW)).contains("a year ahead");
        assertThat(InstantRange.refusal(Instant.MAX, NOW)).contains("a year ahead");
    }

    @Test
    void checkNamesTheField() {
        assertThat(InstantRange.check("dueBefore", NOW, NOW)).isEqualTo(NOW);
        assertThatThrownBy(() -> InstantRange.check("dueBefore", Instant.MIN, NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.INVALID_REQUEST);
                    assertThat(e.properties().get("errors").toString()).contains("field=dueBefore");
                });
    }
}
