package dev.rightsplatform.rights.deadline;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Builds the working-day calendar each jurisdiction names, once, at start-up, so that a wrong name stops the service. */
final class HolidayCalendars {

    static final String CHINA = "china";
    static final String JOLLYDAY = "jollyday:";

    private HolidayCalendars() {}

    /**
     * {@link #build} on a thread of its own, so that the service's other beans are made meanwhile; the future fails
     * with what {@code build} throws.
     */
    static CompletableFuture<Map<String, WorkingCalendar>> buildAside(
            Iterable<Jurisdiction> jurisdictions, ChinaCalendar china) {
        var calendars = new CompletableFuture<Map<String, WorkingCalendar>>();
        var builder = new Thread(
                () -> {
                    try {
                        calendars.complete(build(jurisdictions, china));
                    } catch (RuntimeException | Error e) {
                        calendars.completeExceptionally(e);
                    }
                },
                "holiday-calendars");
        builder.setDaemon(true);
        builder.start();
        return calendars;
    }

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
