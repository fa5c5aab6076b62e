package dev.rightsplatform.worker.connector.keycloak;

import dev.rightsplatform.worker.connector.Connector;
import dev.rightsplatform.worker.connector.ConnectorType;
import dev.rightsplatform.worker.connector.SystemDefinition;
import dev.rightsplatform.worker.settings.InvalidSettingException;
import org.springframework.stereotype.Component;

/** Type {@code keycloak}: the person's account in Keycloak; settings come from {@code worker.keycloak.*}. */
@Component
class KeycloakConnectorType implements ConnectorType {

    private final KeycloakProperties properties;

    KeycloakConnectorType(KeycloakProperties properties) {
        this.properties = properties;
    }

    @Override
    public String name() {
        return "keycloak";
    }

    @Override
    public Connector create(SystemDefinition system) {
        check(this.properties);
        return new KeycloakAccountConnector(system.id(), this.properties);
    }

    static void check(KeycloakProperties properties) {
        String secret = properties.clientSecret();
        if (secret == null || secret.isBlank()) {
            throw new InvalidSettingException(
                    "worker.keycloak.client-secret",
                    "is required when a system has type keycloak (the secret of client '" + properties.clientId()
                            + "'; pass it through the environment)");
        }
        if (properties.realm().isBlank()) {
            throw new InvalidSettingException("worker.keycloak.realm", "must not be blank");
        }
        if (properties.timeout().isNegative() || properties.timeout().isZero()) {
            throw new InvalidSettingException("worker.keycloak.timeout", "must be positive");
        }
        // A blank name would match nothing and quietly weaken the guard against erasing privileged accounts.
        if (properties.privilegedRealmRoles().stream().anyMatch(String::isBlank)) {
            throw new InvalidSettingException("worker.keycloak.privileged-realm-roles", "must not hold a blank name");
        }
        if (properties.privilegedClients().stream().anyMatch(String::isBlank)) {
            throw new InvalidSettingException("worker.keycloak.privileged-clients", "must not hold a blank name");
        }
    }
}
