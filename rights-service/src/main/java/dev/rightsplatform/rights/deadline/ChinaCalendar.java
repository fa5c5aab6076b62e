package dev.rightsplatform.rights.deadline;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * China's working days: Monday to Friday, minus the public holidays, plus the make-up working days the State Council
 * publishes each year, usually in November for the next. No library carries current data, so the platform ships its
 * own files ({@code deadline/china/<year>.holidays}) and reads further years from the directory an operator names in
 * {@code rights.deadline.china-calendar-dir}; an operator's file replaces the shipped one of its year.
 */
final class ChinaCalendar implements WorkingCalendar {

    private static final Logger log = LoggerFactory.getLogger(ChinaCalendar.class);

    private final Map<Integer, ChinaYear> years = new TreeMap<>();
    private final Set<LocalDate> holidays = new HashSet<>();
    private final Set<LocalDate> makeUp = new HashSet<>();

    ChinaCalendar(Collection<ChinaYear> loaded) {
        loaded.forEach(year -> {
            var replaced = years.put(year.year(), year);
            if (replaced != null) {
                log.info("China calendar {}: {} replaces {}", year.year(), year.origin(), replaced.origin());
            }
        });
        // in year order, so that where two notices mention one day the later notice decides
        years.values().forEach(year -> {
            year.holidays().forEach(day -> {
                holidays.add(day);
                makeUp.remove(day);
            });
            year.makeUp().forEach(day -> {
                makeUp.add(day);
                holidays.remove(day);
            });
        });
    }

    /** The shipped years, then the operator's directory (optional). */
    static ChinaCalendar load(@Nullable Path operatorDirectory) {
        var all = new ArrayList<>(ChinaCalendarFiles.shipped());
        if (operatorDirectory != null && !operatorDirectory.toString().isBlank()) { // unset: empty in application.yml
            all.addAll(ChinaCalendarFiles.directory(operatorDirectory));
        }
        var calendar = new ChinaCalendar(all);
        log.info("China calendar: official data for {}", calendar.years());
        return calendar;
    }

    @Override
    public boolean isWorkingDay(LocalDate day) {
        if (makeUp.contains(day)) {
            return true;
        }
        return !holidays.contains(day) && !WorkingCalendar.isWeekend(day);
    }

    @Override
    public boolean covers(int year) {
        return years.containsKey(year);
    }

    SortedSet<Integer> years() {
        return new TreeSet<>(years.keySet());
    }
}
