package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.audit.Pseudonyms;
import dev.rightsplatform.rights.security.Caller;
import dev.rightsplatform.rights.security.Role;
import org.springframework.stereotype.Component;

/**
 * How a caller is named in the audit trail: staff by role and account id (their actions must be attributable), the
 * people whose data it is by a keyed pseudonym.
 */
@Component
public class Actors {

    private final Pseudonyms pseudonyms;

    Actors(Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    public String of(Caller caller) {
        if (caller.has(Role.PRIVACY_OFFICER)) {
            return Role.PRIVACY_OFFICER.realmRole() + ":" + caller.subjectId();
        }
        if (caller.has(Role.SUPPORT_AGENT)) {
            return Role.SUPPORT_AGENT.realmRole() + ":" + caller.subjectId();
        }
        return pseudonyms.subject(caller.subjectId());
    }
}
