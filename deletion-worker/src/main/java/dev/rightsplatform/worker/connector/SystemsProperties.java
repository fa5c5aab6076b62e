package dev.rightsplatform.worker.connector;

import dev.rightsplatform.worker.settings.InvalidSettingException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The system registry, {@code platform.systems.<systemId>.*}: the file named by SYSTEM_REGISTRY_FILE, shared with
 * rights-service, keyed by the systemId that task messages carry. Adding a system is adding an entry there.
 * Bound by {@link RegistryBinding}.
 */
public record SystemsProperties(@DefaultValue Map<String, SystemSettings> systems) {

    public static final String PREFIX = "platform.systems";

    /** The systemId pattern of the message contract (infra/asyncapi.yaml). */
    public static final Pattern SYSTEM_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");

    /** Ids whose queue would be one of the worker's own queues (deletion-worker.tasks.parked). */
    static final Set<String> RESERVED_IDS = Set.of("parked");

    public SystemsProperties {
        systems = Map.copyOf(systems);
        systems.forEach((systemId, settings) -> {
            String prefix = PREFIX + "." + systemId;
            if (!SYSTEM_ID.matcher(systemId).matches()) {
                throw new InvalidSettingException(
                        prefix,
                        "has a system id that task messages can never carry: it must match " + SYSTEM_ID.pattern());
            }
            if (RESERVED_IDS.contains(systemId)) {
                throw new InvalidSettingException(prefix, "uses a reserved system id; reserved: " + RESERVED_IDS);
            }
            if (settings.type() == null || settings.type().isBlank()) {
                throw new InvalidSettingException(prefix + ".type", "is required");
            }
            if (settings.concurrency() < 1 || settings.concurrency() > 64) {
                throw new InvalidSettingException(prefix + ".concurrency", "must be between 1 and 64");
            }
            if (settings.timeout().isNegative() || settings.timeout().isZero()) {
                throw new InvalidSettingException(prefix + ".timeout", "must be positive");
            }
        });
    }
}
