package dev.rightsplatform.rights.deadline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One year of China's public holidays and make-up working days (调休), as the State Council notice for that year (and any
 * amendment) publishes them. A notice may reach into the year before: the New Year break of 2019 began on 30 December
 * 2018, and 29 December 2018 was a make-up working day.
 *
 * @param year     the year the notice is for
 * @param notices  the URLs of the official notices the days come from
 * @param holidays days off, weekend days of a holiday period included or not
 * @param makeUp   make-up working days, usually a Saturday or Sunday
 * @param origin   the file the year was read from, for messages
 */
record ChinaYear(int year, List<String> notices, Set<LocalDate> holidays, Set<LocalDate> makeUp, String origin) {

    /** Checks what a file says; the message names the file, so an operator can fix it. */
    static ChinaYear of(String origin, int year, List<String> notices, Set<LocalDate> holidays, Set<LocalDate> makeUp) {
        var problems = new ArrayList<String>();
        if (year < 1949 || year > 9999) {
            problems.add("year " + year + " is not a plausible year");
        }
        if (notices.isEmpty()) {
            problems.add("it cites no official notice");
        }
        if (holidays.isEmpty()) {
            problems.add("it lists no holidays");
        }
        var both = new HashSet<>(holidays);
        both.retainAll(makeUp);
        if (!both.isEmpty()) {
            problems.add("these days are listed both as holidays and as working days: " + both);
        }
        for (var day : union(holidays, makeUp)) {
            if (day.getYear() != year && day.getYear() != year - 1) {
                problems.add(day + " is outside " + (year - 1) + ".." + year);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("China calendar file " + origin + ": " + String.join("; ", problems));
        }
        return new ChinaYear(year, List.copyOf(notices), Set.copyOf(holidays), Set.copyOf(makeUp), origin);
    }

    private static Set<LocalDate> union(Set<LocalDate> a, Set<LocalDate> b) {
        var all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
