package dev.rightsplatform.rights.deadline;

import dev.rightsplatform.rights.web.ContentLanguage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The JSON answer of {@code GET /api/v1/deadlines}; fields as in {@link ComputedDeadline}. The rule texts
 * ({@code rule}, {@code extension.rule}, {@code acknowledgement.rule}) are in the language asked for, each in English
 * where its policy has no Chinese text.
 */
record DeadlineView(
        String jurisdiction,
        String regime,
        DeadlineKind type,
        String zone,
        Instant clockStartedAt,
        boolean awaitingVerification,
        LocalDate dueDate,
        Instant dueAt,
        String rule,
        String source,
        boolean provisional,
        List<Integer> yearsWithoutData,
        Instant dueSoonAt,
        boolean extensionAllowed,
        @Nullable Extension extension,
        @Nullable Milestone acknowledgement) {

    /** {@code language}: a {@code ContentLanguage} constant. */
    static DeadlineView of(ComputedDeadline deadline, @Nullable ComputedDeadline extended, String language) {
        var acknowledgement = deadline.acknowledgement();
        return new DeadlineView(
                deadline.jurisdiction(),
                deadline.regime(),
                deadline.kind(),
                deadline.zone().getId(),
                deadline.clockStartedAt(),
                deadline.awaitingVerification(),
                deadline.dueDate(),
                deadline.dueAt(),
                deadline.rule(language),
                deadline.source(),
                deadline.provisional(),
                deadline.yearsWithoutData(),
                deadline.dueSoonAt(),
                deadline.extensionAllowed(),
                extended == null
                        ? null
                        : new Extension(
                                String.valueOf(deadline.extensionAllowance()),
                                extended.dueDate(),
                                extended.dueAt(),
                                extended.rule(language),
                                extended.provisional()),
                acknowledgement == null
                        ? null
                        : new Milestone(
                                acknowledgement.name(),
                                acknowledgement.dueDate(),
                                acknowledgement.dueAt(),
                                acknowledgement.rule(language)));
    }

    /**
     * The languages the answer's texts are in, for {@code Content-Language}: {@code language} alone unless some text
     * had to fall back to English.
     */
    static String contentLanguage(ComputedDeadline deadline, @Nullable ComputedDeadline extended, String language) {
        Set<String> languages = new LinkedHashSet<>();
        Stream.of(
                        languageOf(deadline.ruleZh(), language),
                        extended == null ? null : languageOf(extended.ruleZh(), language),
                        deadline.acknowledgement() == null
                                ? null
                                : languageOf(deadline.acknowledgement().ruleZh(), language))
                .filter(Objects::nonNull)
                .forEach(languages::add);
        return String.join(", ", languages);
    }

    private static String languageOf(@Nullable String chinese, String language) {
        return chinese == null ? ContentLanguage.EN : language;
    }

    /** What the deadline becomes if the operator extends it. */
    record Extension(String allowance, LocalDate dueDate, Instant dueAt, String rule, boolean provisional) {}

    /** An earlier step with its own deadline (CCPA: acknowledge), as {@link ComputedDeadline.Milestone}. */
    record Milestone(String name, LocalDate dueDate, Instant dueAt, String rule) {}
}
