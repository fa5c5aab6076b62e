package dev.rightsplatform.rights.consent;

/** What a ledger event records: consent given, or taken back. */
public enum ConsentAction {
    GRANTED,
    WITHDRAWN
}
