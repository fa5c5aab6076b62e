package dev.rightsplatform.worker.connector;

import dev.rightsplatform.worker.settings.InvalidSettingException;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.stereotype.Component;

/**
 * The connector of every registered system, built once at start-up. Building them here is what makes the worker
 * refuse to start on an unknown type or a missing url or secret, rather than fail on the first task.
 */
@Component
public class Connectors implements DisposableBean {

    /** Types the registry knows but the worker has nothing to call for: an agent confirms a manual system. */
    static final Set<String> NOT_CALLED = Set.of("manual");

    private static final Logger log = LoggerFactory.getLogger(Connectors.class);

    private final Map<String, ConnectedSystem> bySystem = new TreeMap<>();

    public Connectors(SystemsProperties properties, List<ConnectorType> types, Binder registryBinder) {
        Map<String, ConnectorType> byName =
                types.stream().collect(Collectors.toMap(ConnectorType::name, Function.identity()));
        Set<String> notCalled = new TreeSet<>();
        new TreeMap<>(properties.systems()).forEach((systemId, settings) -> {
            String typeName = String.valueOf(settings.type()).trim().toLowerCase(Locale.ROOT);
            if (NOT_CALLED.contains(typeName)) {
                notCalled.add(systemId);
                return;
            }
            ConnectorType type = byName.get(typeName);
            if (type == null) {
                Set<String> known = new TreeSet<>(byName.keySet());
                known.addAll(NOT_CALLED);
                throw new InvalidSettingException(
                        SystemsProperties.PREFIX + "." + systemId + ".type",
                        "is '" + settings.type() + "', which is not a known type; known types: " + known);
            }
            Connector connector = type.create(new SystemDefinition(systemId, settings, registryBinder));
            this.bySystem.put(systemId, new ConnectedSystem(systemId, settings.concurrency(), connector));
        });
        log.info(
                "Downstream systems: {}{}",
                this.bySystem.isEmpty() ? "none registered" : this.bySystem.keySet(),
                notCalled.isEmpty() ? "" : "; confirmed by agents, not called: " + notCalled);
    }

    public Optional<Connector> forSystem(String systemId) {
        return Optional.ofNullable(this.bySystem.get(systemId)).map(ConnectedSystem::connector);
    }

    /** Every system the worker calls, by id. */
    public Collection<ConnectedSystem> systems() {
        return List.copyOf(this.bySystem.values());
    }

    /** The longest timeout of any system, with the system that has it. */
    public Optional<Map.Entry<String, Duration>> longestTimeout() {
        return this.bySystem.values().stream()
                .map(system -> Map.entry(system.id(), system.connector().timeout()))
                .max(Comparator.comparing(Map.Entry::getValue));
    }

    @Override
    public void destroy() {
        this.bySystem.forEach((systemId, system) -> {
            try {
                system.connector().close();
            } catch (Exception ex) {
                log.warn("Closing the connector of system {} failed: {}", systemId, ex.toString());
            }
        });
    }
}
