package dev.rightsplatform.rights.consent;

/** How a consent change reached us. */
public enum ConsentMethod {
    /** Through one of the portal clients (rights.consent.portal-clients), as the token's {@code azp} says. */
    PORTAL,
    /** A support agent recorded it on the person's behalf. */
    AGENT,
    /** Any other client of the API (a partner app, a script with the person's token). */
    API,
    /** The browser's Global Privacy Control signal ({@code Sec-GPC: 1}): an opt-out of sale and sharing. */
    GPC
}
