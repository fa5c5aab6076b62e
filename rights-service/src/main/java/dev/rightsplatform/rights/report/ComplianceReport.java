package dev.rightsplatform.rights.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The officer's report over the requests received in [from, to): one row per period and jurisdiction and one total
 * row ({@code period} and {@code jurisdiction} "total"), refusals by reason, and each downstream system's failures
 * and retries. Days are fractional (hours count), rounded to two decimals; a median or rate with nothing to measure
 * is null.
 */
record ComplianceReport(
        LocalDate from,
        LocalDate to,
        String period,
        @Nullable String jurisdiction,
        Instant generatedAt,
        List<Row> rows,
        List<Refusals> refusals,
        List<SystemFailures> systems) {

    static final String TOTAL = "total";

    /**
     * Counts of the requests received in one period and jurisdiction, by where they stand now. {@code onTime} are the
     * completed requests closed by their due time (after an extension, the extended one: the platform grants only the
     * extension the regime allows); {@code onTimeRate} is onTime / completed. Days to close count from receipt to the
     * answer, for completed and refused requests.
     */
    record Row(
            String period,
            String jurisdiction,
            long received,
            long completed,
            long refused,
            long cancelled,
            long open,
            long onTime,
            @Nullable Double onTimeRate,
            long extended,
            @Nullable Double medianDaysToClose,
            @Nullable Double p90DaysToClose) {}

    /** Refused requests of a jurisdiction with the same reason (the text agents gave, as sent to the person). */
    record Refusals(String jurisdiction, String reason, long count) {}

    /**
     * One downstream system's trouble with the requests of the report. {@code failed}: tasks that failed or were
     * blocked (including those an agent then retried); {@code agentRetries}: tasks superseded by an agent's retry;
     * {@code workerRetries}: the worker's extra attempts (attempts beyond the first) as it reported them. A system
     * without any of these is not listed.
     */
    record SystemFailures(String systemId, long failed, long agentRetries, long workerRetries) {}
}
