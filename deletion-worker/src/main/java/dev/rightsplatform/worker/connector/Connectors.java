package dev.rightsplatform.worker.connector;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.rightsplatform.worker.settings.InvalidSettingException;

/**
 * The connector of every configured system, built once at start-up. Building them here is what makes the worker
 * refuse to start on an unknown type or a missing url or secret, rather than fail on the first task.
 */
@Component
public class Connectors implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Connectors.class);

    private final Map<String, Connector> bySystem = new TreeMap<>();

    public Connectors(SystemsProperties properties, List<ConnectorType> types) {
        Map<String, ConnectorType> byName = types.stream()
                .collect(Collectors.toMap(ConnectorType::name, Function.identity()));
        new TreeMap<>(properties.systems()).forEach((systemId, settings) -> {
            ConnectorType type = byName.get(settings.type().trim().toLowerCase(Locale.ROOT));
            if (type == null) {
                throw new InvalidSettingException("worker.systems." + systemId + ".type",
                        "is '" + settings.type() + "', which is not a known type; known types: "
                                + new TreeMap<>(byName).keySet());
            }
            this.bySystem.put(systemId, type.create(systemId, settings));
        });
        log.info("Downstream systems: {}", this.bySystem.isEmpty() ? "none configured" : this.bySystem.keySet());
    }

    public Optional<Connector> forSystem(String systemId) {
        return Optional.ofNullable(this.bySystem.get(systemId));
    }

    /** The longest timeout of any system, with the system that has it. */
    public Optional<Map.Entry<String, Duration>> longestTimeout() {
        return this.bySystem.entrySet().stream()
                .map(entry -> Map.entry(entry.getKey(), entry.getValue().timeout()))
                .max(Comparator.comparing(Map.Entry::getValue));
    }

    @Override
    public void destroy() {
        this.bySystem.forEach((systemId, connector) -> {
            try {
                connector.close();
            }
            catch (Exception ex) {
                log.warn("Closing the connector of system {} failed: {}", systemId, ex.toString());
            }
        });
    }
}
