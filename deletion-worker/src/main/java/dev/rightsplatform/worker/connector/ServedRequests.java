package dev.rightsplatform.worker.connector;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The registry keys that rights-service reads to decide what it sends a system ({@code request-types},
 * {@code purposes}). The worker reads them only to check at start-up that a system will be able to do what it will be
 * sent: COLLECT for access and export, WITHDRAW for consent withdrawal.
 *
 * @param requestTypes the kinds of request the system takes part in (ACCESS, EXPORT, WITHDRAW_CONSENT, DEREGISTER)
 * @param purposes the consent purposes the system processes data for; a withdrawal of one of them reaches it
 */
public record ServedRequests(
        @DefaultValue List<String> requestTypes,
        @DefaultValue List<String> purposes) {

    public ServedRequests {
        requestTypes = requestTypes.stream()
                .map(type -> type.strip().toUpperCase(Locale.ROOT))
                .toList();
        purposes = List.copyOf(purposes);
    }

    /** Whether rights-service will send the system COLLECT tasks. */
    public boolean collects() {
        return this.requestTypes.contains("ACCESS") || this.requestTypes.contains("EXPORT");
    }

    /** Whether rights-service will send the system WITHDRAW tasks. */
    public boolean withdraws() {
        return this.requestTypes.contains("WITHDRAW_CONSENT") || !this.purposes.isEmpty();
    }

    /** Why the system will be sent COLLECT tasks, for messages. */
    public String collectReason() {
        return "request-types " + this.requestTypes + " include ACCESS or EXPORT";
    }

    /** Why the system will be sent WITHDRAW tasks, for messages. */
    public String withdrawReason() {
        return this.requestTypes.contains("WITHDRAW_CONSENT")
                ? "request-types " + this.requestTypes + " include WITHDRAW_CONSENT"
                : "it lists purposes " + this.purposes;
    }
}
