package dev.rightsplatform.rights.report;

import dev.rightsplatform.rights.web.ApiException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What the officer asked a report for: requests received from {@code from} (inclusive) to {@code to} (exclusive),
 * both dates in UTC, broken down by month or year and by jurisdiction, optionally only one jurisdiction. Every
 * parameter is checked here, so a bad one is a 400 naming it and nothing unchecked reaches the SQL.
 */
record ReportQuery(
        LocalDate from,
        LocalDate to,
        Granularity period,
        @Nullable JurisdictionFilter jurisdiction) {

    /** Reports reach back to the platform's earliest accepted time and no further than 10 years in one go. */
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

    static final int MAX_YEARS = 10;

    /** The breakdown in time; the SQL takes the unit of {@code date_trunc}. */
    enum Granularity {
        MONTH("month"),
        YEAR("year");

        final String sqlUnit;

        Granularity(String sqlUnit) {
            this.sqlUnit = sqlUnit;
        }

        /** How a bucket is labelled: {@code 2026-01} or {@code 2026}. */
        String label(LocalDate start) {
            return this == YEAR
                    ? String.valueOf(start.getYear())
                    : start.toString().substring(0, 7);
        }
    }

    static ReportQuery parse(
            @Nullable String from,
            @Nullable String to,
            @Nullable String period,
            @Nullable String jurisdiction,
            Clock clock) {
        var today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        var start = from == null ? today.withDayOfYear(1) : date("from", from);
        var end = to == null ? start.plusYears(1) : date("to", to);
        if (start.isBefore(EARLIEST)) {
            throw ApiException.invalidField("from", "must not be before 2000-01-01");
        }
        if (!end.isAfter(start)) {
            throw ApiException.invalidField("to", "must be after from");
        }
        if (ChronoUnit.YEARS.between(start, end.minusDays(1)) >= MAX_YEARS) {
            throw ApiException.invalidField("to", "must be at most " + MAX_YEARS + " years after from");
        }
        return new ReportQuery(start, end, granularity(period), JurisdictionFilter.parse(jurisdiction));
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, "must be a date (YYYY-MM-DD)");
        }
    }

    private static Granularity granularity(@Nullable String text) {
        if (text == null || text.equals("month")) {
            return Granularity.MONTH;
        }
        if (text.equals("year")) {
            return Granularity.YEAR;
        }
        throw ApiException.invalidField("period", "must be month or year");
    }

    /**
     * Jurisdictions as the platform names them in reports: {@code EU} for every GDPR jurisdiction (the EU states and
     * IS, LI, NO), {@code UK} for every UK GDPR one, any other ISO 3166 code as stored ({@code CN}, {@code US-CA}). A
     * single GDPR or UK code ({@code DE}, {@code GB-SCT}) narrows to that code.
     */
    record JurisdictionFilter(String name, @Nullable String regime) {

        /** An ISO 3166-1 alpha-2 code, optionally with a subdivision (as request/Jurisdictions accepts). */
        private static final String CODE = "^[A-Z]{2}(-[A-Z0-9]{1,3})?$";

        static @Nullable JurisdictionFilter parse(@Nullable String text) {
            if (text == null || text.isEmpty()) {
                return null;
            }
            var name = text.toUpperCase(Locale.ROOT);
            return switch (name) {
                case "EU" -> new JurisdictionFilter(name, "GDPR");
                case "UK" -> new JurisdictionFilter(name, "UK_GDPR");
                default -> {
                    if (!name.matches(CODE)) {
                        throw ApiException.invalidField(
                                "jurisdiction", "must be EU, UK or an ISO 3166 code such as CN or US-CA");
                    }
                    yield new JurisdictionFilter(name, null);
                }
            };
        }

        /** Whether rows are grouped by the code as stored rather than by EU/UK. */
        boolean single() {
            return regime == null;
        }
    }
}
