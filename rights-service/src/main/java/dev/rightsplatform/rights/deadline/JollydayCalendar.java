package dev.rightsplatform.rights.deadline;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Public holidays of a country (and optionally one subdivision) from Jollyday, which computes them by rule for any
 * year, substitute days included. Only the national level is taken unless a subdivision is named: a regional holiday
 * left out can only make a deadline earlier.
 */
final class JollydayCalendar implements WorkingCalendar {

    private final HolidayManager manager;
    private final String[] subdivision;
    private final Map<Integer, Set<LocalDate>> daysOffByYear = new ConcurrentHashMap<>();

    private JollydayCalendar(HolidayManager manager, String[] subdivision) {
        this.manager = manager;
        this.subdivision = subdivision;
    }

    /** Throws {@link IllegalArgumentException} when Jollyday knows no such country or subdivision. */
    static JollydayCalendar of(String country, @Nullable String subdivision) {
        var code = country.toUpperCase(Locale.ROOT);
        if (!HolidayManager.getSupportedCalendarCodes().contains(code)) {
            throw new IllegalArgumentException("Jollyday has no holiday calendar for country '" + country + "'");
        }
        var manager = HolidayManager.getInstance(ManagerParameters.create(code));
        if (subdivision == null) {
            return new JollydayCalendar(manager, new String[0]);
        }
        var children = manager.getCalendarHierarchy().getChildren().keySet();
        if (!children.contains(subdivision)) {
            throw new IllegalArgumentException("Jollyday's calendar for " + code + " has no subdivision '" + subdivision
                    + "' (it has " + children + ")");
        }
        return new JollydayCalendar(manager, new String[] {subdivision});
    }

    @Override
    public boolean isWorkingDay(LocalDate day) {
        return !WorkingCalendar.isWeekend(day)
                && !daysOffByYear.computeIfAbsent(day.getYear(), this::daysOff).contains(day);
    }

    /**
     * Observed dates (a Saturday Christmas is off on the Monday) of the year and its neighbours, because a holiday
     * of one year can be observed in another (New Year's Day 2022 was observed in the US on 31 December 2021).
     */
    private Set<LocalDate> daysOff(int year) {
        var days = new HashSet<LocalDate>();
        for (int y = year - 1; y <= year + 1; y++) {
            for (Holiday holiday : manager.getHolidays(Year.of(y), subdivision)) {
                if (holiday.getType() != HolidayType.OBSERVANCE) {
                    days.add(holiday.getDate());
                }
            }
        }
        return days;
    }
}
