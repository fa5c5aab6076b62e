package dev.rightsplatform.worker.connector;

import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.rightsplatform.worker.settings.InvalidSettingException;

/**
 * The downstream systems the worker knows, {@code worker.systems.<systemId>.*}, keyed by the systemId that task
 * messages carry. Adding a system is adding an entry here.
 */
@ConfigurationProperties("worker")
public record SystemsProperties(@DefaultValue Map<String, SystemSettings> systems) {

    /** The systemId pattern of the message contract (infra/asyncapi.yaml). */
    public static final Pattern SYSTEM_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");

    public SystemsProperties {
        systems = Map.copyOf(systems);
        systems.forEach((systemId, settings) -> {
            if (!SYSTEM_ID.matcher(systemId).matches()) {
                throw new InvalidSettingException("worker.systems." + systemId,
                        "has a system id that task messages can never carry: it must match " + SYSTEM_ID.pattern());
            }
            if (settings.type() == null || settings.type().isBlank()) {
                throw new InvalidSettingException("worker.systems." + systemId + ".type", "is required");
            }
            if (settings.timeout().isNegative() || settings.timeout().isZero()) {
                throw new InvalidSettingException("worker.systems." + systemId + ".timeout", "must be positive");
            }
        });
    }
}
