package dev.rightsplatform.rights.deadline;

import static dev.rightsplatform.rights.deadline.Deadlines.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The shipped policies as configuration: an operator's setting wins field by field, and a wrong one stops the start. */
class DeadlineCatalogUnitTests {

    @Test
    void anOperatorOverridesOneFieldAndKeepsTheRestOfTheDefault() {
        var engine = Deadlines.engine(new MockEnvironment()
                .withProperty("rights.deadline.policies.gdpr.access.due-soon", "10d")
                .withProperty("rights.deadline.policies.lgpd.access.period.amount", "10"));

        var gdpr = engine.compute(query("IE", DeadlineKind.ACCESS, "2025-01-31T10:00:00Z"));
        var lgpd = engine.compute(query("BR", DeadlineKind.ACCESS, "2025-02-20T12:00:00Z"));

        assertThat(gdpr.dueSoonLead()).isEqualTo(Duration.ofDays(10));
        assertThat(gdpr.dueDate()).isEqualTo(LocalDate.of(2025, 2, 28));
        assertThat(gdpr.rule()).startsWith("GDPR Art. 12(3)");
        assertThat(lgpd.dueDate()).isEqualTo(LocalDate.of(2025, 3, 2));
    }

    @Test
    void anOperatorAddsAJurisdictionAndSwitchesAnExtensionOff() {
        var engine = Deadlines.engine(new MockEnvironment()
                .withProperty("rights.deadline.jurisdictions.IE-D.regime", "GDPR")
                .withProperty("rights.deadline.jurisdictions.IE-D.zone", "Europe/Dublin")
                .withProperty("rights.deadline.jurisdictions.IE-D.holidays", "jollyday:ie")
                .withProperty("rights.deadline.policies.gdpr.export.extension.period.amount", "0"));

        assertThat(engine.jurisdictions()).contains("IE-D");
        assertThat(engine.compute(query("IE-D", DeadlineKind.EXPORT, "2025-01-31T10:00:00Z"))
                        .extensionAllowed())
                .isFalse();
        assertThat(engine.compute(query("IE-D", DeadlineKind.ACCESS, "2025-01-31T10:00:00Z"))
                        .extensionAllowed())
                .isTrue();
    }

    @Test
    void aWrongSettingStopsTheStartNamingIt() {
        var environment = new MockEnvironment()
                .withProperty("rights.deadline.policies.ccpa.access.rule", "")
                .withProperty("rights.deadline.jurisdictions.US-CA.zone", "America/Atlantis")
                .withProperty("rights.deadline.jurisdictions.US-TX.regime", "TDPSA");

        assertThatThrownBy(() -> DeadlineCatalog.load(environment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rights.deadline.policies.ccpa.access.rule is missing")
                .hasMessageContaining("rights.deadline.jurisdictions.US-CA.zone is not a time zone")
                .hasMessageContaining("rights.deadline.jurisdictions.US-TX.regime names no regime");
    }

    @Test
    void anUnknownHolidayCalendarStopsTheStartNamingIt() {
        var environment =
                new MockEnvironment().withProperty("rights.deadline.jurisdictions.GB-SCT.holidays", "jollyday:gb/xyz");

        assertThatThrownBy(() -> Deadlines.engine(environment))
                .hasMessageContaining("rights.deadline.jurisdictions.GB-SCT.holidays")
                .hasMessageContaining("no subdivision 'xyz'");
    }

    @Test
    void theNorwegianCodeIsNotReadAsFalse() {
        var engine = Deadlines.shipped();

        assertThat(engine.jurisdictions()).contains("NO").doesNotContain("FALSE");
    }
}
