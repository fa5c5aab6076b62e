package dev.rightsplatform.notification.mail;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * What start-up requires of the labels that are patterns rather than words, so that a translation cannot drop what
 * the person must be told. Each check names the file ({@code where}) and the label in what it finds wrong.
 */
final class LabelChecks {

    // The placeholders of the label for one retained item, all of which the person must be told.
    private static final Set<String> RETENTION_ITEM_PLACEHOLDERS = Set.of("category", "basis", "until");

    private LabelChecks() {}

    /**
     * Checks the pattern that writes when something stops (a code works, an archive can be downloaded): it must say
     * "UTC" (the time is UTC, and the person must not take it for their own), and tell apart times a minute, twelve
     * hours, a day, a month and a year apart, so that it shows the full time and date.
     */
    static void checkUtcPattern(String where, DateTimeFormatter pattern) {
        OffsetDateTime base = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        String written = pattern.format(base);
        if (!written.contains("UTC")) {
            throw new IllegalStateException(where + ": time.utc-pattern must write \"UTC\"");
        }
        for (OffsetDateTime other : List.of(
                base.plusMinutes(1), base.plusHours(12), base.plusDays(1), base.plusMonths(1), base.plusYears(1))) {
            if (pattern.format(other).equals(written)) {
                throw new IllegalStateException(
                        where + ": time.utc-pattern must write the time (hours 0-23 and minutes) and the date");
            }
        }
    }

    /**
     * Checks the label that introduces the link to a signed receipt: it must show the link ({@code {link}}), once,
     * and nothing else.
     */
    static void checkReceiptLink(String where, String label) {
        Matcher placeholders = MailTemplates.PLACEHOLDER.matcher(label);
        int links = 0;
        while (placeholders.find()) {
            if (!placeholders.group(1).equals("link")) {
                throw new IllegalStateException(
                        where + ": receipt.link uses unknown placeholder " + placeholders.group());
            }
            links++;
        }
        if (links != 1) {
            throw new IllegalStateException(where + ": receipt.link must use {link} once");
        }
    }

    /**
     * Checks the label for one retained item: it must name the category, the legal basis and the date (the person
     * must be told all three), and nothing else.
     */
    static void checkRetentionItem(String where, String label) {
        Set<String> used = new HashSet<>();
        Matcher placeholders = MailTemplates.PLACEHOLDER.matcher(label);
        while (placeholders.find()) {
            if (!RETENTION_ITEM_PLACEHOLDERS.contains(placeholders.group(1))) {
                throw new IllegalStateException(
                        where + ": retention.item uses unknown placeholder " + placeholders.group());
            }
            used.add(placeholders.group(1));
        }
        for (String placeholder : RETENTION_ITEM_PLACEHOLDERS) {
            if (!used.contains(placeholder)) {
                throw new IllegalStateException(where + ": retention.item must use {" + placeholder + "}");
            }
        }
    }
}
