package dev.rightsplatform.rights.deadline;

import static dev.rightsplatform.rights.deadline.Deadlines.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * "Due soon" counted as the rule counts: a rule in working days (PIPL deregistration, CCPA opt-out) raises it from the
 * start of the third working day before the due day in the jurisdiction's calendar ({@code due-soon-working-days: 3}),
 * holidays and make-up working days included; an operator sets it for any policy. Expected by hand.
 */
class DueSoonWorkingDaysUnitTests {

    private final DeadlineEngine engine = Deadlines.shipped();

    @Test
    void aChineseDeregistrationIsDueSoonThreeWorkingDaysBeforeAcrossTheSpringFestival() {
        // received Thu 9 Jan 2025: 15 working days are 10, 13-17, 20-24, Sun 26 (make-up day), 27 Jan, 5 and 6 Feb
        // (28 Jan - 4 Feb is the Spring Festival holiday); 3 working days before Thu 6 Feb: 5 Feb, 27 Jan, Sun 26 Jan
        var deadline = engine.compute(query("CN", DeadlineKind.DEREGISTER, "2025-01-09T02:00:00Z"));

        assertThat(deadline.dueDate()).isEqualTo(LocalDate.of(2025, 2, 6));
        assertThat(deadline.dueSoonAt()).isEqualTo(Instant.parse("2025-01-25T16:00:00Z")); // 26 Jan 00:00 in Shanghai
    }

    @Test
    void aCaliforniaOptOutIsDueSoonThreeBusinessDaysBefore() {
        // received Wed 15 Jan 2025: 15 business days (20 Jan is Martin Luther King Day) end on Thu 6 Feb;
        // 3 business days before: 5, 4, 3 Feb
        var deadline = engine.compute(query("US-CA", DeadlineKind.OPT_OUT_OF_SALE, "2025-01-15T18:00:00Z"));

        assertThat(deadline.dueDate()).isEqualTo(LocalDate.of(2025, 2, 6));
        assertThat(deadline.dueSoonAt()).isEqualTo(Instant.parse("2025-02-03T08:00:00Z")); // 3 Feb 00:00 in LA
    }

    @Test
    void anOperatorCountsAnyPolicysDueSoonInWorkingDays() {
        var engine = Deadlines.engine(
                new MockEnvironment().withProperty("rights.deadline.policies.gdpr.access.due-soon-working-days", "2"));

        // due Fri 28 Feb 2025 in Dublin: 2 working days before is Wed 26 Feb
        var deadline = engine.compute(query("IE", DeadlineKind.ACCESS, "2025-01-31T10:00:00Z"));

        assertThat(deadline.dueDate()).isEqualTo(LocalDate.of(2025, 2, 28));
        assertThat(deadline.dueSoonAt()).isEqualTo(Instant.parse("2025-02-26T00:00:00Z"));
    }

    @Test
    void aNegativeCountStopsTheStartNamingIt() {
        var environment =
                new MockEnvironment().withProperty("rights.deadline.policies.gdpr.access.due-soon-working-days", "-1");

        assertThatThrownBy(() -> DeadlineCatalog.load(environment))
                .hasMessageContaining(
                        "rights.deadline.policies.gdpr.access.due-soon-working-days must not be negative");
    }
}
