package dev.rightsplatform.notification.delivery;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A failure described for the delivery log and the service's own log. SMTP errors often quote the recipient
 * ("550 5.1.1 <someone@example.org> unknown"), so addresses are blanked out: neither place may hold personal data.
 * Nor may either hold a one-time code (a server may quote the subject it rejects): the event's secrets, given by
 * the caller, are blanked out too.
 */
public final class ErrorText {

    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^\\s<>\"'(),;:\\[\\]]+@[^\\s<>\"'(),;:\\[\\]]+");

    private static final int MAX_LENGTH = 500;

    private ErrorText() {}

    public static String describe(Throwable failure) {
        return describe(failure, List.of());
    }

    /** The failure described, with each of {@code secrets} (e.g. {@code RequestEvent.secrets()}) blanked out. */
    public static String describe(Throwable failure, Collection<String> secrets) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null && text.length() < MAX_LENGTH; cause = cause.getCause()) {
            if (cause != failure) {
                text.append(" <- ");
            }
            text.append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                text.append(": ").append(cause.getMessage().strip());
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        String described = text.toString();
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                described = described.replace(secret, "<secret>");
            }
        }
        String redacted =
                EMAIL_ADDRESS.matcher(described).replaceAll("<address>").replaceAll("\\s+", " ");
        return redacted.length() <= MAX_LENGTH ? redacted : redacted.substring(0, MAX_LENGTH - 1) + "…";
    }
}
