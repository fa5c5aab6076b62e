package dev.rightsplatform.rights.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine against due dates worked out by hand from the rules (deadlines.md), one row per case. The "why" column
 * shows the working; weekdays were checked against a plain calendar. Chinese days off and make-up working days are those
 * of the State Council notices for the year.
 */
class DeadlineEngineTableUnitTests {

    @ParameterizedTest(name = "{0} {1} received {2} -> {4}: {6}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # GDPR: one month, Reg. 1182/71, rolled forward over weekends and national public holidays
            IE | ACCESS           | 2025-01-31T10:00:00Z | - | 2025-02-28 | false | 31 Jan: no 31 Feb, so the last day of February (Fri)
            IE | ACCESS           | 2024-01-31T10:00:00Z | - | 2024-02-29 | false | leap year: 29 Feb 2024 (Thu)
            DE | ACCESS           | 2028-01-31T10:00:00Z | - | 2028-02-29 | false | leap year 2028: 29 Feb (Tue)
            DE | EXPORT           | 2024-02-29T10:00:00Z | - | 2024-04-02 | false | 29 Mar Good Friday, weekend, 1 Apr Easter Monday
            IE | ACCESS           | 2025-02-28T10:00:00Z | - | 2025-03-28 | false | same date next month (Fri)
            DE | ACCESS           | 2025-03-01T10:00:00Z | - | 2025-04-01 | false | received on a Saturday: counting is by date
            IE | DEREGISTER       | 2025-04-05T10:00:00Z | - | 2025-05-06 | false | 5 May is the Irish May bank holiday (Mon)
            IE | ACCESS           | 2026-02-17T10:00:00Z | - | 2026-03-18 | false | 17 Mar St Patrick's Day (Tue)
            DE | WITHDRAW_CONSENT | 2026-09-03T10:00:00Z | - | 2026-10-05 | false | 3 Oct Unity Day falls on a Saturday
            DE | ACCESS           | 2025-11-25T10:00:00Z | - | 2025-12-29 | false | 25 and 26 Dec (Thu, Fri), weekend
            FR | ACCESS           | 2025-04-08T10:00:00Z | - | 2025-05-09 | false | 8 May Victory Day (Thu)
            DE | ACCESS           | 2025-01-30T23:30:00Z | - | 2025-02-28 | false | 00:30 on 31 Jan in Berlin
            IE | WITHDRAW_CONSENT | 2025-12-22T10:00:00Z | - | 2026-01-22 | false | into the next year (Thu)
            # UK GDPR: one month, ICO counting, England and Wales unless a subdivision is named
            GB     | ACCESS       | 2025-09-03T09:00:00Z | - | 2025-10-03 | false | ICO example: 3 Sep -> 3 Oct
            GB     | ACCESS       | 2025-01-30T09:00:00Z | - | 2025-02-28 | false | ICO example: 30 Jan -> 28 Feb
            GB     | ACCESS       | 2024-02-29T09:00:00Z | - | 2024-04-02 | false | Good Friday, weekend, Easter Monday
            GB-SCT | ACCESS       | 2024-02-29T09:00:00Z | - | 2024-04-01 | false | Easter Monday is no bank holiday in Scotland
            GB     | DEREGISTER   | 2027-11-25T09:00:00Z | - | 2027-12-29 | false | Christmas on Sat: substitutes Mon 27, Tue 28
            GB     | EXPORT       | 2027-11-27T09:00:00Z | - | 2027-12-29 | false | 27 Dec is the substitute Christmas Day
            GB     | ACCESS       | 2025-12-02T09:00:00Z | - | 2026-01-02 | false | 2 Jan is a working day in England
            GB-SCT | ACCESS       | 2025-12-02T09:00:00Z | - | 2026-01-05 | false | 2 Jan is a Scottish bank holiday (Fri)
            GB-NIR | ACCESS       | 2026-02-17T09:00:00Z | - | 2026-03-18 | false | St Patrick's Day in Northern Ireland
            GB     | ACCESS       | 2025-03-21T09:00:00Z | - | 2025-04-22 | false | 21 Apr Easter Monday
            # CCPA: 45 calendar days, no roll forward; opt-out 15 business days (federal holidays)
            US-CA | ACCESS           | 2025-01-15T18:00:00Z | - | 2025-03-01 | false | 15 Jan + 45 days (a Saturday: not moved)
            US-CA | ACCESS           | 2025-01-16T07:00:00Z | - | 2025-03-01 | false | 23:00 on 15 Jan in Los Angeles
            US-CA | DEREGISTER       | 2024-12-31T20:00:00Z | - | 2025-02-14 | false | 31 Dec + 45 days
            US-CA | OPT_OUT_OF_SALE  | 2025-11-20T18:00:00Z | - | 2025-12-12 | false | 15 business days, Thanksgiving skipped
            US-CA | WITHDRAW_CONSENT | 2026-06-30T18:00:00Z | - | 2026-07-22 | false | as opt-out; 3 Jul observed Independence Day
            # VCDPA: 45 days
            US-VA | ACCESS | 2025-03-10T03:00:00Z | - | 2025-04-23 | false | 23:00 on 9 Mar in New York (EDT) + 45 days
            US-VA | EXPORT | 2025-06-02T15:00:00Z | - | 2025-07-17 | false | 2 Jun + 45 days
            # LGPD: 15 days
            BR | ACCESS | 2025-02-20T12:00:00Z | - | 2025-03-07 | false | 20 Feb + 15 days
            BR | ACCESS | 2025-12-20T02:00:00Z | - | 2026-01-03 | false | 23:00 on 19 Dec in Sao Paulo + 15 days
            # PIPL: 15 Chinese working days for account cancellation, make-up days included
            CN | DEREGISTER | 2025-01-20T02:00:00Z | - | 2025-02-14 | false | Spring Festival 2025: off 28 Jan-4 Feb, Sun 26 Jan and Sat 8 Feb worked
            CN | DEREGISTER | 2026-02-10T02:00:00Z | - | 2026-03-09 | false | Spring Festival 2026: off 15-23 Feb, Sat 14 and Sat 28 Feb worked
            CN | DEREGISTER | 2025-09-26T02:00:00Z | - | 2025-10-23 | false | National Day 2025: off 1-8 Oct, Sun 28 Sep and Sat 11 Oct worked
            CN | DEREGISTER | 2025-10-09T17:00:00Z | - | 2025-10-30 | false | 01:00 on 10 Oct in Shanghai (from 9 Oct it would be 29 Oct)
            CN | DEREGISTER | 2026-09-25T02:00:00Z | - | 2026-10-22 | false | Mid-Autumn 25-27 Sep, National Day 1-7 Oct, Sat 10 Oct worked
            CN | DEREGISTER | 2026-09-18T02:00:00Z | - | 2026-10-15 | false | Sun 20 Sep is a make-up working day
            CN | DEREGISTER | 2024-04-01T02:00:00Z | - | 2024-04-23 | false | Qingming 4-6 Apr, Sun 7 Apr worked
            CN | DEREGISTER | 2026-12-20T02:00:00Z | - | 2027-01-08 | true  | no 2027 notice: 1 Jan 2027 counted as a working day
            # China GB/T 35273-2020 §8.7: 30 days after identity verification
            CN | ACCESS           | 2025-09-01T02:00:00Z | 2025-09-05T02:00:00Z | 2025-10-05 | false | verified 5 Sep + 30 days, not moved
            CN | ACCESS           | 2025-09-01T02:00:00Z | -                    | 2025-10-01 | false | not verified yet: from receipt
            CN | EXPORT           | 2025-01-01T02:00:00Z | 2025-01-10T16:30:00Z | 2025-02-10 | false | verified 00:30 on 11 Jan in Shanghai
            CN | WITHDRAW_CONSENT | 2026-12-15T02:00:00Z | 2026-12-15T03:00:00Z | 2027-01-14 | false | calendar days need no 2027 holidays
            """)
    void computesTheDueDate(
            String jurisdiction,
            DeadlineKind kind,
            String receivedAt,
            String verifiedAt,
            LocalDate due,
            boolean provisional,
            String why) {
        var query = Deadlines.query(jurisdiction, kind, receivedAt);
        if (verifiedAt != null) {
            query = query.verifiedAt(Instant.parse(verifiedAt));
        }

        var deadline = Deadlines.shipped().compute(query);

        assertThat(deadline.dueDate()).as(why).isEqualTo(due);
        assertThat(deadline.provisional()).as("provisional").isEqualTo(provisional);
        assertThat(deadline.dueAt())
                .isEqualTo(due.plusDays(1)
                        .atStartOfDay(deadline.zone())
                        .toInstant()
                        .minusNanos(1_000));
    }
}
