package dev.rightsplatform.rights.deadline;

import static dev.rightsplatform.rights.deadline.Deadlines.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rightsplatform.rights.type.RequestType;
import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the engine says besides the first due date: extensions, milestones, paused clocks, refusals. Expected by hand. */
class DeadlineEngineUnitTests {

    private final DeadlineEngine engine = Deadlines.shipped();

    @ParameterizedTest(name = "{0} {1} received {2}: extended to {3}")
    @CsvSource(delimiter = '|', textBlock = """
            IE    | ACCESS     | 2025-01-31T10:00:00Z | 2025-04-28 | 2 months from the unmoved 28 Feb (Mon)
            DE    | ACCESS     | 2024-02-29T10:00:00Z | 2024-05-29 | 2 months from 29 Mar, not from the rolled 2 Apr
            GB    | ACCESS     | 2025-09-03T09:00:00Z | 2025-12-03 | 3 Oct + 2 months (Wed)
            US-CA | ACCESS     | 2025-01-15T18:00:00Z | 2025-04-15 | 90 calendar days in all
            US-VA | DEREGISTER | 2025-03-10T15:00:00Z | 2025-06-08 | 45 + 45 days (a Sunday: not moved)
            """)
    void extendsByThePolicysAllowance(
            String jurisdiction, DeadlineKind kind, String receivedAt, LocalDate extended, String why) {
        var deadline = engine.extend(query(jurisdiction, kind, receivedAt));

        assertThat(deadline.dueDate()).as(why).isEqualTo(extended);
        assertThat(deadline.extended()).isTrue();
        assertThat(deadline.extensionAllowed()).as("only once").isFalse();
        assertThat(deadline.rule()).contains("extended by");
    }

    @ParameterizedTest
    @CsvSource({"BR, ACCESS", "CN, DEREGISTER", "CN, ACCESS", "US-CA, OPT_OUT_OF_SALE"})
    void refusesAnExtensionTheRuleDoesNotAllow(String jurisdiction, DeadlineKind kind) {
        var first = engine.compute(query(jurisdiction, kind, "2025-03-03T10:00:00Z"));
        assertThat(first.extensionAllowed()).isFalse();

        assertThatThrownBy(() -> engine.extend(query(jurisdiction, kind, "2025-03-03T10:00:00Z")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.EXTENSION_NOT_ALLOWED));
    }

    @Test
    void gdprStatesItsAllowanceAndLead() {
        var deadline = engine.compute(query("IE", DeadlineKind.ACCESS, "2025-01-31T10:00:00Z"));

        assertThat(deadline.regime()).isEqualTo("GDPR");
        assertThat(deadline.zone()).isEqualTo(ZoneId.of("Europe/Dublin"));
        assertThat(deadline.rule()).startsWith("GDPR Art. 12(3): one month from receipt (Reg. 1182/71)");
        assertThat(deadline.extensionAllowance()).isEqualTo(new Span(2, Counting.MONTHS_EU));
        assertThat(deadline.dueSoonLead()).isEqualTo(Duration.ofDays(7));
        assertThat(deadline.dueSoonAt()).isEqualTo(deadline.dueAt().minus(Duration.ofDays(7)));
        assertThat(deadline.acknowledgement()).isNull();
    }

    @Test
    void ccpaAddsTheTenBusinessDayAcknowledgement() {
        // 15 Jan 2025 (Wed): 16, 17, (20 is Martin Luther King Day), 21, 22, 23, 24, 27, 28, 29, 30
        var deadline = engine.compute(query("US-CA", DeadlineKind.ACCESS, "2025-01-15T18:00:00Z"));

        assertThat(deadline.acknowledgement()).isNotNull();
        assertThat(deadline.acknowledgement().dueDate()).isEqualTo(LocalDate.of(2025, 1, 30));
        assertThat(deadline.acknowledgement().rule()).contains("§7021(a)");
    }

    @Test
    void dueAtIsTheLastMicrosecondOfTheDueDayInTheZone() {
        // 28 Mar 2025 ends at 23:59:59.999999 GMT (British Summer Time starts on 30 Mar)
        var london = engine.compute(query("GB", DeadlineKind.ACCESS, "2025-02-28T09:00:00Z"));
        assertThat(london.dueDate()).isEqualTo(LocalDate.of(2025, 3, 28));
        assertThat(london.dueAt()).isEqualTo(Instant.parse("2025-03-28T23:59:59.999999Z"));

        var shanghai = engine.compute(query("CN", DeadlineKind.DEREGISTER, "2025-01-20T02:00:00Z"));
        assertThat(shanghai.dueAt()).isEqualTo(Instant.parse("2025-02-14T15:59:59.999999Z"));
    }

    @Test
    void ukClockStopsWhileWaitingForClarification() {
        // received 3 Sep; stopped from 5 Sep to 10 Sep: 5, 6, 7, 8, 9 Sep = 5 days; 3 Oct + 5 = 8 Oct (Wed)
        var deadline = engine.compute(query("GB", DeadlineKind.ACCESS, "2025-09-03T09:00:00Z")
                .paused(Instant.parse("2025-09-05T10:00:00Z"), Instant.parse("2025-09-10T08:00:00Z")));

        assertThat(deadline.dueDate()).isEqualTo(LocalDate.of(2025, 10, 8));
        assertThat(deadline.rule()).contains("clock stopped for 5 days");
    }

    @Test
    void pausedDaysGainedCanHoldFurtherPauses() {
        // 1 Sep + 1 month = 1 Oct; pauses 10-12 Sep (3 days) and 2-4 Oct (3 days, inside the gained time):
        // 1 Oct + 6 = 7 Oct (Tue)
        var deadline = engine.compute(query("GB", DeadlineKind.ACCESS, "2025-09-01T09:00:00Z")
                .paused(Instant.parse("2025-09-10T09:00:00Z"), Instant.parse("2025-09-13T09:00:00Z"))
                .paused(Instant.parse("2025-10-02T09:00:00Z"), Instant.parse("2025-10-05T09:00:00Z")));

        assertThat(deadline.dueDate()).isEqualTo(LocalDate.of(2025, 10, 7));
    }

    @Test
    void refusesToStopAClockTheRuleKeepsRunning() {
        var paused = query("DE", DeadlineKind.ACCESS, "2025-09-03T09:00:00Z")
                .paused(Instant.parse("2025-09-05T10:00:00Z"), Instant.parse("2025-09-10T08:00:00Z"));

        assertThatThrownBy(() -> engine.compute(paused))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.CLOCK_PAUSE_NOT_ALLOWED));
    }

    @Test
    void aDeadlineInAYearWithoutChineseDataIsProvisionalAndEarly() {
        var deadline = engine.compute(query("CN", DeadlineKind.DEREGISTER, "2026-12-20T02:00:00Z"));

        assertThat(deadline.provisional()).isTrue();
        assertThat(deadline.yearsWithoutData()).containsExactly(2027);
        assertThat(deadline.rule()).contains("PROVISIONAL");
        // New Year's Day is a holiday whatever the 2027 notice says, so the true date is 11 Jan 2027 at the earliest
        assertThat(deadline.dueDate()).isBefore(LocalDate.of(2027, 1, 11));
        assertThat(engine.chinaCalendarYears()).containsExactly(2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026);
    }

    @Test
    void clockFromVerificationSaysWhenIdentityIsNotVerifiedYet() {
        var waiting = engine.compute(query("CN", DeadlineKind.ACCESS, "2025-09-01T02:00:00Z"));
        var verified = engine.compute(query("CN", DeadlineKind.ACCESS, "2025-09-01T02:00:00Z")
                .verifiedAt(Instant.parse("2025-09-05T02:00:00Z")));

        assertThat(waiting.awaitingVerification()).isTrue();
        assertThat(waiting.rule()).contains("identity not verified yet");
        assertThat(verified.awaitingVerification()).isFalse();
        assertThat(verified.clockStartedAt()).isEqualTo(Instant.parse("2025-09-05T02:00:00Z"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void unknownJurisdictionIsAClearProblemListingTheKnownOnes() {
        assertThatThrownBy(() -> engine.compute(query("XX", DeadlineKind.ACCESS, "2025-01-01T00:00:00Z")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.UNKNOWN_JURISDICTION);
                    assertThat((List<Object>) e.properties().get("supported")).contains("CN", "DE", "GB-SCT", "US-CA");
                });
    }

    @Test
    void aKindWithoutPolicyInTheRegimeIsAClearProblem() {
        assertThatThrownBy(() -> engine.compute(query("CN", DeadlineKind.OPT_OUT_OF_SALE, "2025-01-01T00:00:00Z")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.NO_DEADLINE_POLICY));
    }

    @Test
    void everyJurisdictionHasAPolicyForEveryRequestType() {
        for (var code : engine.jurisdictions()) {
            for (var type : RequestType.values()) {
                var deadline = engine.compute(
                        DeadlineQuery.of(code, DeadlineKind.of(type), Instant.parse("2025-06-02T12:00:00Z")));
                assertThat(deadline.dueDate()).as(code + " " + type).isAfter(LocalDate.of(2025, 6, 2));
            }
        }
    }

    /** The console's time left: China's National Day week and its make-up Saturday (2026), counted as the rule counts. */
    @Test
    void timeLeftIsCountedInWorkingDaysWhereTheRuleCountsThemAndInCalendarDaysElsewhere() {
        var today = LocalDate.of(2026, 9, 30);
        var due = LocalDate.of(2026, 10, 12);
        // Oct 1-7 off, Oct 8 and 9 working, Sat Oct 10 a make-up working day, Sun Oct 11 off, Oct 12 working
        assertThat(engine.timeLeft("CN", DeadlineKind.DEREGISTER, false, today, due))
                .isEqualTo(new TimeLeft(Counting.WORKING_DAYS, 4));
        assertThat(engine.timeLeft("CN", DeadlineKind.DEREGISTER, false, due, today))
                .as("overdue by as many working days")
                .isEqualTo(new TimeLeft(Counting.WORKING_DAYS, -4));
        assertThat(engine.timeLeft("DE", DeadlineKind.DEREGISTER, false, today, due))
                .isEqualTo(new TimeLeft(Counting.CALENDAR_DAYS, 12));
        assertThat(engine.timeLeft("XX", DeadlineKind.DEREGISTER, false, today, due))
                .as("no rule for it: calendar days")
                .isEqualTo(new TimeLeft(Counting.CALENDAR_DAYS, 12));
    }
}
