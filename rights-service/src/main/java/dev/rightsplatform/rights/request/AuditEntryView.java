package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.audit.AuditEntry;
import java.time.Instant;

/** One step of a request's audit trail as the API shows it, with the hashes that chain it. */
record AuditEntryView(
        long seq, Instant occurredAt, String actor, String action, String detail, String prevHash, String hash) {

    static AuditEntryView of(AuditEntry entry) {
        return new AuditEntryView(
                entry.seq(),
                entry.occurredAt(),
                entry.actor(),
                entry.action(),
                entry.detail(),
                entry.prevHash(),
                entry.hash());
    }
}
