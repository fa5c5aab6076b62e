package dev.rightsplatform.portal.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Dates as a page shows them: in the person's language and time zone, the zone named, so that "due 3 March" cannot
 * be read in the wrong zone. Templates reach it as {@code dates}.
 */
public final class Dates {

    private final Locale locale;
    private final ZoneId zone;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter date;

    Dates(Locale locale, ZoneId zone) {
        this.locale = locale;
        this.zone = zone;
        this.dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(locale)
                .withZone(zone);
        this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
    }

    /** An instant, date and time, in the person's zone (named once on the page, in the footer). */
    public String dateTime(@Nullable Instant instant) {
        return instant == null ? "" : dateTime.format(instant);
    }

    /** The same with the zone named beside it: for the facts a person may quote (received, due, completed). */
    public String dateTimeWithZone(@Nullable Instant instant) {
        return instant == null ? "" : dateTime.format(instant) + ", " + zoneName();
    }

    /** An instant's calendar day in the person's zone. */
    public String day(@Nullable Instant instant) {
        return instant == null ? "" : date.format(instant.atZone(zone).toLocalDate());
    }

    /** A calendar date as it is (a deadline's day in the law's zone is not moved to another zone). */
    public String date(@Nullable LocalDate day) {
        return day == null ? "" : date.format(day);
    }

    public String iso(@Nullable Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    public String zoneName() {
        return zone.getDisplayName(TextStyle.FULL, locale) + " (" + zone.getId() + ")";
    }

    public ZoneId zone() {
        return zone;
    }
}
