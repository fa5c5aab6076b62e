package dev.rightsplatform.rights.deadline;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The arithmetic of one computation: adds a {@link Span} to a start day in a jurisdiction's calendar, leaves paused
 * days out, rolls a deadline forward to a working day, and remembers every year it looked at without holiday data.
 */
final class PeriodCounter {

    private final WorkingCalendar calendar;
    private final SortedSet<Integer> yearsWithoutData = new TreeSet<>();

    PeriodCounter(WorkingCalendar calendar) {
        this.calendar = calendar;
    }

    /** The last day of {@code span} counted from {@code start} (the start day itself is never counted). */
    LocalDate add(LocalDate start, Span span, Set<LocalDate> paused) {
        return switch (Objects.requireNonNull(span.counting())) {
            case CALENDAR_DAYS -> step(start, span.amount(), paused, false);
            case WORKING_DAYS -> step(start, span.amount(), paused, true);
            // EU and ICO counting land on the same date (see Counting); plusMonths clamps 31 Jan to the end of February
            case MONTHS_EU, MONTHS_UK -> afterPauses(start, start.plusMonths(span.amount()), paused);
        };
    }

    /** The day itself if it is a working day, else the next working day (Reg. 1182/71 Art. 3(4); ICO). */
    LocalDate rollForward(LocalDate day) {
        var rolled = day;
        while (!isWorkingDay(rolled)) {
            rolled = rolled.plusDays(1);
        }
        return rolled;
    }

    /** The day {@code amount} working days before {@code day} (the day itself is never counted). */
    LocalDate workingDaysBefore(LocalDate day, int amount) {
        var before = day;
        for (int counted = 0; counted < amount; ) {
            before = before.minusDays(1);
            if (isWorkingDay(before)) {
                counted++;
            }
        }
        return before;
    }

    boolean isWorkingDay(LocalDate day) {
        if (!calendar.covers(day.getYear())) {
            yearsWithoutData.add(day.getYear());
        }
        return calendar.isWorkingDay(day);
    }

    SortedSet<Integer> yearsWithoutData() {
        return yearsWithoutData;
    }

    private LocalDate step(LocalDate start, int amount, Set<LocalDate> paused, boolean workingDaysOnly) {
        var day = start;
        for (int counted = 0; counted < amount; ) {
            day = day.plusDays(1);
            if (!paused.contains(day) && (!workingDaysOnly || isWorkingDay(day))) {
                counted++;
            }
        }
        return day;
    }

    /**
     * A month is not counted day by day, so a stopped clock moves the end by the number of paused days inside the
     * period; the days gained can hold further pauses, hence the loop.
     */
    private static LocalDate afterPauses(LocalDate start, LocalDate end, Set<LocalDate> paused) {
        var shifted = end;
        while (true) {
            var last = shifted;
            long inside = paused.stream()
                    .filter(day -> day.isAfter(start) && !day.isAfter(last))
                    .count();
            var next = end.plusDays(inside);
            if (next.equals(shifted)) {
                return shifted;
            }
            shifted = next;
        }
    }
}
