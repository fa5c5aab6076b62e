package dev.rightsplatform.rights.system;

import dev.rightsplatform.rights.type.RequestType;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The downstream systems that hold people's data, as the shared registry file declares them (SYSTEM_REGISTRY_FILE,
 * imported by application.yml; deletion-worker imports the same file for how to reach each system). rights-service
 * reads what decides the tasks of a request: which types a system takes part in, the consent purposes it processes
 * data for, its phase, its SLA, whether it is asked first. Checked at start-up: a service that would plan no task
 * refuses to start.
 *
 * @param systems by id
 */
@ConfigurationProperties("platform")
public record SystemRegistry(Map<String, RegisteredSystem> systems) {

    /** The form of system and purpose ids. */
    public static final String ID = "^[a-z0-9][a-z0-9-]{0,62}$";

    public SystemRegistry {
        if (systems == null || systems.isEmpty()) {
            throw new IllegalStateException("platform.systems is empty: set SYSTEM_REGISTRY_FILE to the registry of "
                    + "downstream systems (infra/local/systems.yml for the local platform)");
        }
        systems.forEach((id, system) -> {
            if (!id.matches(ID)) {
                throw new IllegalStateException("platform.systems: '" + id + "' is not a valid system id");
            }
            // a system only consent withdrawals reach needs no phase
            if (system.type() == null
                    || (system.requestTypes().isEmpty() ? system.purposes().isEmpty() : system.phase() < 1)) {
                throw new IllegalStateException("platform.systems." + id
                        + ": type, and request-types with a phase >= 1 or purposes, are required");
            }
            system.purposes().stream()
                    .filter(purpose -> !purpose.matches(ID))
                    .findFirst()
                    .ifPresent(purpose -> {
                        throw new IllegalStateException(
                                "platform.systems." + id + ".purposes: '" + purpose + "' is not a valid purpose id");
                    });
        });
        systems = Map.copyOf(systems);
    }

    /** The systems that take part in requests of {@code type}, in phase order. */
    public List<Entry> taking(RequestType type) {
        return systems.entrySet().stream()
                .filter(entry -> entry.getValue().requestTypes().contains(type))
                .map(entry -> new Entry(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparingInt((Entry e) -> e.system().phase()).thenComparing(Entry::id))
                .toList();
    }

    /**
     * The systems that process data for the consent purpose, by id: a withdrawal of that consent reaches them, whatever
     * their {@code request-types} say.
     */
    public List<Entry> processing(String purpose) {
        return systems.entrySet().stream()
                .filter(entry -> entry.getValue().purposes().contains(purpose))
                .map(entry -> new Entry(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparing(Entry::id))
                .toList();
    }

    public @Nullable RegisteredSystem get(String id) {
        return systems.get(id);
    }

    public record Entry(String id, RegisteredSystem system) {}

    /**
     * One system.
     *
     * @param type         how the worker reaches it: http, sql, keycloak, opendsr, or manual (an agent confirms)
     * @param requestTypes the requests it takes part in
     * @param phase        erasure order; a phase starts when the one before it is done
     * @param sla          how long it has for its part (default one day), never beyond the legal deadline
     * @param precheck     whether it is asked first if the account may be closed
     * @param purposes     the consent purposes (rights.consent.purposes) it processes the person's data for: a
     *                     withdrawal of one of them is sent to it as a WITHDRAW task
     */
    public record RegisteredSystem(
            String type,
            Set<RequestType> requestTypes,
            int phase,
            Duration sla,
            boolean precheck,
            Set<String> purposes) {

        public RegisteredSystem {
            requestTypes = requestTypes == null ? Set.of() : Set.copyOf(requestTypes);
            purposes = purposes == null ? Set.of() : Set.copyOf(purposes);
            sla = sla == null ? Duration.ofDays(1) : sla;
        }

        public boolean isManual() {
            return "manual".equals(type);
        }

        /** Only an account system can be disabled during cooling-off and enabled again. */
        public boolean holdsTheAccount() {
            return "keycloak".equals(type);
        }
    }
}
