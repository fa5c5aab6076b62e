package dev.rightsplatform.rights.lifecycle;

import dev.rightsplatform.rights.type.RequestType;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which request types wait for an agent's approval before any downstream system acts.
 *
 * @param requiredFor the types an agent must approve; empty means every request starts at once
 */
@ConfigurationProperties("rights.review")
record ReviewProperties(List<RequestType> requiredFor) {

    ReviewProperties {
        requiredFor = requiredFor == null ? List.of() : List.copyOf(requiredFor);
    }

    boolean required(RequestType type) {
        return Set.copyOf(requiredFor).contains(type);
    }
}
