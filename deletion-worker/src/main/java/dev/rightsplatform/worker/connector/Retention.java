package dev.rightsplatform.worker.connector;

import java.time.LocalDate;

/**
 * Data a system keeps under a legal hold (TaskResult.retention; PIPL Art. 47): what, under which law, until when.
 * Category and basis are the system's words and must not name the person; they are cut to the contract's limits.
 */
public record Retention(String category, String basis, LocalDate until) {

    public static final int MAX_CATEGORY = 200;

    public static final int MAX_BASIS = 500;

    public Retention {
        category = cut(category, MAX_CATEGORY);
        basis = cut(basis, MAX_BASIS);
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
