package dev.rightsplatform.rights.security;

/** The realm roles of Keycloak realm {@code rights} that rights-service acts on. */
public enum Role {
    DATA_SUBJECT("data-subject"),
    SUPPORT_AGENT("support-agent"),
    PRIVACY_OFFICER("privacy-officer"),
    PARTNER("partner"),
    /** deletion-worker's service account: uploads what a COLLECT task gathered. */
    WORKER("rights-worker");

    private final String realmRole;

    Role(String realmRole) {
        this.realmRole = realmRole;
    }

    public String realmRole() {
        return realmRole;
    }

    /** The Spring Security authority for this role. */
    public String authority() {
        return "ROLE_" + realmRole;
    }
}
