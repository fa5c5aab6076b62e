package dev.rightsplatform.rights.web;

import org.jspecify.annotations.Nullable;

/**
 * Which characters the service accepts in text from outside: request bodies, query parameters, headers, OpenDSR
 * identities. Control characters are refused because nothing a person types needs them and they do harm downstream:
 * PostgreSQL refuses NUL in text (a 500 before this rule), others corrupt logs, mails and CSV exports. Line breaks and
 * tabs are allowed only in multi-line text (notes, reasons: {@link MultiLineText}). An unpaired surrogate is no
 * character at all: stored, it would silently become '?'.
 */
public final class TextRules {

    private TextRules() {}

    /** Why the value is refused (for the {@code message} of a problem naming the field), or null when it is fine. */
    public static @Nullable String refusal(String value, boolean multiLine) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isControl(c) && !(multiLine && (c == '\n' || c == '\r' || c == '\t'))) {
                return multiLine
                        ? "must not contain control characters other than line breaks and tabs"
                        : "must not contain control characters (line breaks and tabs included)";
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain unpaired surrogate characters";
            }
        }
        return null;
    }

    /** C0 controls, DEL and the C1 controls: none is text. */
    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    }
}
