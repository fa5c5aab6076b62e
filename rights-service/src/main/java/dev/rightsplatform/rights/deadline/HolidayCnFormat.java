package dev.rightsplatform.rights.deadline;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON format of the holiday-cn data set (NateScarlet/holiday-cn, MIT), which operators already maintain:
 * {@code {"year": 2025, "papers": ["<notice URL>"], "days": [{"name": "春节", "date": "2025-01-26", "isOffDay": false}]}}.
 * Every element is checked, so that a typo fails loudly instead of silently turning a holiday into a working day.
 */
final class HolidayCnFormat {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HolidayCnFormat() {}

    /** Empty when {@code days} is empty: holiday-cn's placeholder for a year whose notice is not out yet. */
    static Optional<ChinaYear> parse(String name, byte[] content) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JacksonException e) {
            throw invalid(name, "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw invalid(name, "expected a JSON object with year, papers and days");
        }
        var year = root.get("year");
        if (year == null || !year.isIntegralNumber()) {
            throw invalid(name, "'year' must be a whole number");
        }
        var days = array(name, root, "days");
        if (days.isEmpty()) {
            return Optional.empty();
        }
        var papers = new ArrayList<String>();
        for (JsonNode paper : array(name, root, "papers")) {
            if (!paper.isString() || paper.stringValue().isBlank()) {
                throw invalid(name, "'papers' must list the notices' URLs as strings");
            }
            papers.add(paper.stringValue());
        }
        Set<LocalDate> off = new HashSet<>();
        Set<LocalDate> work = new HashSet<>();
        for (int i = 0; i < days.size(); i++) {
            var day = days.get(i);
            var date = day.get("date");
            var isOffDay = day.get("isOffDay");
            if (date == null || !date.isString() || isOffDay == null || !isOffDay.isBoolean()) {
                throw invalid(name, "days[" + i + "] needs a string 'date' and a boolean 'isOffDay'");
            }
            (isOffDay.booleanValue() ? off : work).add(parseDate(name, i, date.stringValue()));
        }
        return Optional.of(ChinaYear.of(name, year.intValue(), papers, off, work));
    }

    private static JsonNode array(String name, JsonNode root, String field) {
        var node = root.get(field);
        if (node == null || !node.isArray()) {
            throw invalid(name, "'" + field + "' must be an array");
        }
        return node;
    }

    private static LocalDate parseDate(String name, int index, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name, "days[" + index + "].date '" + value + "' is not a date (yyyy-MM-dd)");
        }
    }

    private static IllegalStateException invalid(String name, String problem) {
        return new IllegalStateException("China calendar file " + name + ": " + problem);
    }
}
