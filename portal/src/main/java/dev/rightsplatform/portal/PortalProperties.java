package dev.rightsplatform.portal;

import java.net.URI;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The portal's settings.
 *
 * @param apiUrl              where rights-service listens (called directly, inside the platform's network)
 * @param registrationId      the Spring Security client registration people sign in with
 * @param defaultJurisdiction whose law the start page explains to someone who has not said (and is not signed in)
 * @param defaultZone         the time zone of dates before the browser has told its own
 * @param secureCookies       the session cookie only over HTTPS: true everywhere but the local platform (dev profile)
 */
@ConfigurationProperties("portal")
public record PortalProperties(
        URI apiUrl,
        @DefaultValue("keycloak") String registrationId,
        @DefaultValue("CN") String defaultJurisdiction,
        @DefaultValue("UTC") ZoneId defaultZone,
        @DefaultValue("true") boolean secureCookies) {}
