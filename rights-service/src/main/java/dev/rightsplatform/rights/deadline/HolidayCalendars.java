package dev.rightsplatform.rights.deadline;

import java.util.HashMap;
import java.util.Map;

/** Builds the working-day calendar each jurisdiction names, once, at start-up, so that a wrong name stops the service. */
final class HolidayCalendars {

    static final String CHINA = "china";
    static final String JOLLYDAY = "jollyday:";

    private HolidayCalendars() {}

    static Map<String, WorkingCalendar> build(Iterable<Jurisdiction> jurisdictions, ChinaCalendar china) {
        var calendars = new HashMap<String, WorkingCalendar>();
        var bySpec = new HashMap<String, WorkingCalendar>();
        for (var jurisdiction : jurisdictions) {
            try {
                calendars.put(
                        jurisdiction.code(),
                        bySpec.computeIfAbsent(jurisdiction.holidays(), spec -> create(spec, china)));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        "rights.deadline.jurisdictions." + jurisdiction.code() + ".holidays: " + e.getMessage(), e);
            }
        }
        return calendars;
    }

    private static WorkingCalendar create(String spec, ChinaCalendar china) {
        if (spec.equals(CHINA)) {
            return china;
        }
        var parts = spec.substring(JOLLYDAY.length()).split("/", 2);
        return JollydayCalendar.of(parts[0], parts.length > 1 ? parts[1] : null);
    }
}
