package dev.rightsplatform.rights.system;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The downstream systems that hold a person's data and so must act on a deregistration.
 *
 * @param systems each system once, with the phase it runs in (lower phases finish before higher ones start)
 */
@Validated
@ConfigurationProperties("rights")
public record DownstreamSystemsProperties(@NotEmpty @Valid List<DownstreamSystem> systems) {

    public DownstreamSystemsProperties {
        var ids = systems == null ? List.<String>of() : systems.stream().map(DownstreamSystem::id).toList();
        if (ids.stream().distinct().count() != ids.size()) {
            throw new IllegalArgumentException("rights.systems: each system id must appear once, got " + ids);
        }
    }

    /**
     * @param id    the system's id, also the routing key suffix of its tasks
     * @param phase the order of the system's part: 1 runs first
     */
    public record DownstreamSystem(@Pattern(regexp = "^[a-z0-9][a-z0-9-]{0,62}$") String id, @Min(1) int phase) {
    }
}
