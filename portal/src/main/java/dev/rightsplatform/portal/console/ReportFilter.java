package dev.rightsplatform.portal.console;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * What the officer asked of the report page: a range of receipt dates, month or year, one jurisdiction or all. Like
 * the queue's filter, values the report does not know are dropped (the default stands), never passed on; a range
 * that ends before it starts is {@link #backwards()}, shown as such without asking rights-service.
 */
record ReportFilter(
        LocalDate from,
        LocalDate to,
        String period,
        @Nullable String jurisdiction) {

    private static final String CODE = "^(EU|UK|[A-Z]{2}(-[A-Z0-9]{1,3})?)$";

    static ReportFilter of(MultiValueMap<String, String> query, LocalDate today) {
        var start = date(query.getFirst("from"), today.withDayOfYear(1));
        var end = date(query.getFirst("to"), start.plusYears(1));
        var period = "year".equals(query.getFirst("period")) ? "year" : "month";
        var jurisdiction = query.getFirst("jurisdiction");
        var code = jurisdiction == null ? "" : jurisdiction.trim().toUpperCase(Locale.ROOT);
        return new ReportFilter(start, end, period, code.matches(CODE) ? code : null);
    }

    static ReportFilter of(MultiValueMap<String, String> query) {
        return of(query, LocalDate.now(ZoneOffset.UTC));
    }

    boolean backwards() {
        return !to.isAfter(from);
    }

    /** The query parameters rights-service gets, and the export links carry. */
    Map<String, String> parameters() {
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("from", from.toString());
        parameters.put("to", to.toString());
        parameters.put("period", period);
        if (jurisdiction != null) {
            parameters.put("jurisdiction", jurisdiction);
        }
        return parameters;
    }

    private static LocalDate date(@Nullable String text, LocalDate otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            var date = LocalDate.parse(text.trim());
            return date.getYear() < 2000 || date.getYear() > 2100 ? otherwise : date;
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }
}
