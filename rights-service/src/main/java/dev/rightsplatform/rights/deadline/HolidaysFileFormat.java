package dev.rightsplatform.rights.deadline;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * The platform's own China calendar format: one UTF-8 text file per year, meant to be read side by side with the State
 * Council notice it copies. Lines ({@code #} starts a comment):
 * <pre>
 * year 2025
 * notice https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm
 * off  2025-01-28..2025-02-04  春节 Spring Festival
 * work 2025-01-26              春节 make-up working day
 * </pre>
 * {@code off} and {@code work} take a date or an inclusive range, then an optional name. At least one notice.
 */
final class HolidaysFileFormat {

    static final String EXTENSION = ".holidays";

    private HolidaysFileFormat() {}

    static ChinaYear parse(String name, String text) {
        Integer year = null;
        var notices = new ArrayList<String>();
        Set<LocalDate> off = new HashSet<>();
        Set<LocalDate> work = new HashSet<>();
        var lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            var line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            var parts = line.split("\\s+", 3);
            var where = name + " line " + (i + 1);
            if (parts.length < 2) {
                throw new IllegalStateException("China calendar file " + where + ": expected '<keyword> <value>'");
            }
            switch (parts[0]) {
                case "year" -> year = parseYear(where, parts[1]);
                case "notice" -> notices.add(parts[1]);
                case "off" -> off.addAll(days(where, parts[1]));
                case "work" -> work.addAll(days(where, parts[1]));
                default ->
                    throw new IllegalStateException("China calendar file " + where + ": unknown keyword '" + parts[0]
                            + "' (expected year, notice, off or work)");
            }
        }
        if (year == null) {
            throw new IllegalStateException("China calendar file " + name + ": no 'year' line");
        }
        return ChinaYear.of(name, year, notices, off, work);
    }

    private static int parseYear(String where, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("China calendar file " + where + ": '" + value + "' is not a year", e);
        }
    }

    private static Set<LocalDate> days(String where, String value) {
        try {
            var range = value.split("\\.\\.", 2);
            var first = LocalDate.parse(range[0]);
            var last = range.length == 2 ? LocalDate.parse(range[1]) : first;
            if (last.isBefore(first) || last.isAfter(first.plusDays(31))) {
                throw new IllegalStateException("China calendar file " + where + ": range " + value
                        + " must run forwards over at most a month");
            }
            var days = new HashSet<LocalDate>();
            first.datesUntil(last.plusDays(1)).forEach(days::add);
            return days;
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(
                    "China calendar file " + where + ": '" + value
                            + "' is not a date (yyyy-MM-dd) or a range (yyyy-MM-dd..yyyy-MM-dd)",
                    e);
        }
    }
}
