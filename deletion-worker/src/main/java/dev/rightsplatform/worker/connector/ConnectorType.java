package dev.rightsplatform.worker.connector;

/**
 * A kind of downstream system (http, keycloak, ...), named by {@code platform.systems.<systemId>.type}. Each kind is
 * a Spring bean, so a new kind is a new class, and a new system of a known kind is configuration only.
 */
public interface ConnectorType {

    /** The value of {@code platform.systems.<systemId>.type} that selects this kind. */
    String name();

    /**
     * Builds the connector for one registered system, checking the settings this kind needs.
     *
     * @throws dev.rightsplatform.worker.settings.InvalidSettingException naming the first wrong setting
     */
    Connector create(SystemDefinition system);
}
