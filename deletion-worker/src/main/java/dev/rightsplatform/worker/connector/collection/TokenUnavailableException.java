package dev.rightsplatform.worker.connector.collection;

import dev.rightsplatform.worker.connector.ConnectorOutcome;

/** The worker could not get an access token from Keycloak; the outcome says whether trying again can help. */
final class TokenUnavailableException extends RuntimeException {

    private final transient ConnectorOutcome outcome;

    TokenUnavailableException(ConnectorOutcome outcome) {
        super(outcome.toString(), null, false, false);
        this.outcome = outcome;
    }

    ConnectorOutcome outcome() {
        return this.outcome;
    }
}
