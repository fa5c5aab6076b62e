package dev.rightsplatform.rights.deadline;

import dev.rightsplatform.rights.web.ContentLanguage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * When a request must be answered, and why.
 *
 * <p>{@code dueAt} is the END of the due day in the jurisdiction's zone, stored as its last microsecond (23:59:59.999999
 * local): a request answered at any moment of the due day is on time, and the instant survives PostgreSQL's
 * {@code timestamptz}, which keeps microseconds (23:59:59.999999999 would round up to the next day). Overdue means
 * {@code now > dueAt}.
 *
 * @param jurisdiction         the normalized ISO 3166 code the deadline was computed for
 * @param regime               the law whose policy applied ({@code GDPR}, {@code PIPL}...)
 * @param kind                 what the request asks for
 * @param zone                 the zone the days were counted in
 * @param clockStartedAt       receipt, or identity verification where the policy counts from it
 * @param awaitingVerification the policy counts from verification but none was given: counted from receipt instead,
 *                             the earliest the deadline can be; compute again once the identity is verified
 * @param dueDate              the due day in {@code zone}
 * @param dueAt                the end of {@code dueDate} in {@code zone}, see above
 * @param rule                 human-readable: the rule that applied, citing its source, and every adjustment made
 * @param ruleZh               the same in Simplified Chinese; null when the policy (or its extension, once extended)
 *                             has no {@code rule-zh}, so that a Chinese reader gets {@code rule} whole, not half of each
 * @param source               where the rule is published
 * @param provisional          some day counted lies in a year without published holiday data, whose weekdays were all
 *                             taken as working days: the date can only be early, never late; compute again when the
 *                             data arrives
 * @param yearsWithoutData     the years that made it provisional, for the caller's alert
 * @param extensionAllowance   the further time the policy allows, null when none (or when already {@code extended})
 * @param extended             whether this is the extended deadline
 * @param dueSoonLead          how long before {@code dueAt} an open request counts as due soon
 * @param acknowledgement      an earlier step with its own deadline (CCPA: confirm receipt), null when the policy has none
 */
public record ComputedDeadline(
        String jurisdiction,
        String regime,
        DeadlineKind kind,
        ZoneId zone,
        Instant clockStartedAt,
        boolean awaitingVerification,
        LocalDate dueDate,
        Instant dueAt,
        String rule,
        @Nullable String ruleZh,
        String source,
        boolean provisional,
        List<Integer> yearsWithoutData,
        @Nullable Span extensionAllowance,
        boolean extended,
        Duration dueSoonLead,
        @Nullable Milestone acknowledgement) {

    public boolean extensionAllowed() {
        return extensionAllowance != null;
    }

    /** From this instant on an open request is due soon. */
    public Instant dueSoonAt() {
        return dueAt.minus(dueSoonLead);
    }

    /** The rule in {@code language} (a {@code ContentLanguage}): Chinese where there is a Chinese text, else English. */
    public String rule(String language) {
        return localized(rule, ruleZh, language);
    }

    static String localized(String english, @Nullable String chinese, String language) {
        return ContentLanguage.isChinese(language) && chinese != null ? chinese : english;
    }

    /** The last microsecond of {@code day} in {@code zone}; correct on days that daylight saving time shortens. */
    static Instant endOf(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1_000);
    }

    /**
     * An earlier step with a deadline of its own.
     *
     * @param name    what must be done by then, such as {@code acknowledge}
     * @param dueDate the due day in the jurisdiction's zone
     * @param dueAt   the end of that day, as for the deadline
     * @param rule    the rule, citing its source
     * @param ruleZh  the same in Simplified Chinese, null when the policy has none
     */
    public record Milestone(
            String name,
            LocalDate dueDate,
            Instant dueAt,
            String rule,
            @Nullable String ruleZh) {

        /** The rule in {@code language}, as {@link ComputedDeadline#rule(String)}. */
        public String rule(String language) {
            return localized(rule, ruleZh, language);
        }
    }
}
