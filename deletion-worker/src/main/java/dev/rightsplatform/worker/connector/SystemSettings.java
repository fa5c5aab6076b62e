package dev.rightsplatform.worker.connector;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys of one registry entry, {@code platform.systems.<systemId>.*}, that every connector type shares. The
 * keys of one type (url, secret, r2dbc-url, ...) are bound by that type from {@link SystemDefinition}; the keys
 * that belong to rights-service (request-types, phase, sla) are ignored here.
 *
 * @param type the connector type: http, sql, keycloak, opendsr, or manual (nothing for the worker to call)
 * @param concurrency calls the worker makes to this system at once; a slow system holds up only itself
 * @param precheck whether rights-service asks the system first (PRECHECK): the type then requires its precheck setting
 * @param timeout the longest one call may take before it counts as failed and is retried
 */
public record SystemSettings(
        @Nullable String type,
        @DefaultValue("2") int concurrency,
        @DefaultValue("false") boolean precheck,
        @DefaultValue("10s") Duration timeout) {}
