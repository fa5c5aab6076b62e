/**
 * The Keycloak account connector (type keycloak), through keycloak-admin-client.
 */
@NullMarked
package dev.rightsplatform.worker.connector.keycloak;

import org.jspecify.annotations.NullMarked;
