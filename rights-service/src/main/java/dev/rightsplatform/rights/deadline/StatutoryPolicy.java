package dev.rightsplatform.rights.deadline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One statutory deadline as configuration: how long, counted how, from when, what may extend it, and the text that
 * cites its source. Defaults ship in {@code deadline/defaults.yml}; an operator overrides any field under the same key
 * ({@code rights.deadline.policies.<regime>.<kind>.<field>}). Fields are nullable only until {@link #problems} passed.
 *
 * @param rule            what the law says, citing the article; shown with every due date computed from this policy
 * @param ruleZh          the same in Simplified Chinese ({@code rule-zh}), shown to callers who read Chinese; optional:
 *                        without it they get {@code rule} (every shipped default has one)
 * @param source          where the rule is published (a URL, or a citation where no stable URL exists)
 * @param period          the time allowed
 * @param clockStart      whether the period runs from receipt or from identity verification
 * @param rollForward     whether a deadline on a non-working day moves to the next working day
 * @param pausable        whether the clock may stop (UK: while waiting for proof of identity or clarification)
 * @param extension       the further time the law allows when the request is complex or numerous; none when absent
 *                        or of amount 0
 * @param acknowledgement an earlier step with its own deadline, counted from receipt (CCPA: confirm within 10
 *                        business days)
 * @param dueSoon         how long before the deadline a still open request is reported as due soon
 * @param dueSoonWorkingDays the same in working days of the jurisdiction's calendar ({@code due-soon-working-days}),
 *                        for a rule that counts in working days: due soon from the start of the day that many working
 *                        days before the due day (3 with a Friday due day and no holiday: from Tuesday). When set, it
 *                        wins over {@code dueSoon}; optional
 */
public record StatutoryPolicy(
        @Nullable String rule,
        @Nullable String ruleZh,
        @Nullable String source,
        @Nullable Span period,
        @Nullable ClockStart clockStart,
        boolean rollForward,
        boolean pausable,
        @Nullable Allowance extension,
        @Nullable Allowance acknowledgement,
        @Nullable Duration dueSoon,
        @Nullable Integer dueSoonWorkingDays) {

    /** When the clock starts. */
    public enum ClockStart {
        /** The day the request is received. */
        RECEIPT,
        /** The day the subject's identity is verified (GB/T 35273-2020 §8.7: "30 days after identity verification"). */
        VERIFICATION
    }

    /**
     * A further period the policy allows (extension) or an earlier step it demands (acknowledgement).
     *
     * @param period the time, counted from the end of the first period (extension) or from receipt (acknowledgement)
     * @param rule   what the law says about it, citing the article
     * @param ruleZh the same in Simplified Chinese ({@code rule-zh}); optional, as the policy's
     */
    public record Allowance(
            @Nullable Span period,
            @Nullable String rule,
            @Nullable String ruleZh) {}

    /** The extension, unless the policy allows none (an operator switches a default off with amount 0). */
    @Nullable
    Allowance extensionOrNull() {
        return extension == null
                        || extension.period() == null
                        || extension.period().amount() == 0
                ? null
                : extension;
    }

    /** Everything wrong with this policy, each naming the setting under {@code key}; empty when it is usable. */
    List<String> problems(String key) {
        var problems = new ArrayList<String>();
        require(problems, key + ".rule", rule != null && !rule.isBlank());
        require(problems, key + ".source", source != null && !source.isBlank());
        spanProblems(problems, key + ".period", period, 1);
        require(problems, key + ".clock-start", clockStart != null);
        require(problems, key + ".due-soon", dueSoon != null && !dueSoon.isNegative());
        if (dueSoonWorkingDays != null && dueSoonWorkingDays < 0) {
            problems.add(key + ".due-soon-working-days must not be negative");
        }
        allowanceProblems(problems, key + ".extension", extension);
        allowanceProblems(problems, key + ".acknowledgement", acknowledgement);
        return problems;
    }

    private static void allowanceProblems(List<String> problems, String key, @Nullable Allowance allowance) {
        if (allowance != null) {
            spanProblems(problems, key + ".period", allowance.period(), 0);
            require(
                    problems,
                    key + ".rule",
                    allowance.rule() != null && !allowance.rule().isBlank());
        }
    }

    private static void spanProblems(List<String> problems, String key, @Nullable Span span, int minimum) {
        require(problems, key + ".counting", span != null && span.counting() != null);
        if (span != null && span.amount() < minimum) {
            problems.add(key + ".amount must be at least " + minimum);
        }
    }

    private static void require(List<String> problems, String key, boolean present) {
        if (!present) {
            problems.add(key + " is missing or invalid");
        }
    }
}
