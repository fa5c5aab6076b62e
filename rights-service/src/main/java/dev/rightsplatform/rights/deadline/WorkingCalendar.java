package dev.rightsplatform.rights.deadline;

import java.time.DayOfWeek;
import java.time.LocalDate;

/** Which days count as working days in one jurisdiction, and for which years that is actually known. */
interface WorkingCalendar {

    boolean isWorkingDay(LocalDate day);

    /**
     * False for a year without published holiday data. {@link #isWorkingDay} then takes every weekday of that year as a
     * working day, which makes deadlines earlier, never later; the caller marks such a deadline provisional.
     */
    default boolean covers(int year) {
        return true;
    }

    static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
