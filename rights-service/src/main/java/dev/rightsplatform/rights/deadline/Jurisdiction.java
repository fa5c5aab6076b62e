package dev.rightsplatform.rights.deadline;

import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * A place whose law sets the deadlines: its regime (which policies apply), the zone its days are counted in, and its
 * holiday calendar.
 *
 * @param code     ISO 3166 code, with a subdivision where it matters ({@code GB-SCT}, {@code US-CA})
 * @param regime   the law whose policies apply ({@code GDPR}, {@code UK_GDPR}, {@code CCPA}...)
 * @param zone     where the request's days are counted: a request received at 23:00 UTC is already the next day in
 *                 Shanghai
 * @param holidays {@code china} for the platform's own calendar, or {@code jollyday:<country>[/<subdivision>]}
 */
public record Jurisdiction(String code, String regime, ZoneId zone, String holidays) {

    /** A jurisdiction as bound from {@code rights.deadline.jurisdictions.<code>}, before it is checked. */
    record Settings(
            @Nullable String regime,
            @Nullable String zone,
            @Nullable String holidays) {}
}
