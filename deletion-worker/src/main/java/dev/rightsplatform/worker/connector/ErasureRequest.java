package dev.rightsplatform.worker.connector;

import java.util.UUID;

/**
 * What a connector needs to erase one subject. userId is the only personal datum the worker handles: it travels
 * from the message to the system and nowhere else, which is why {@link #toString()} leaves it out.
 */
public record ErasureRequest(UUID taskId, UUID requestId, String systemId, String userId) {

    @Override
    public String toString() {
        return "ErasureRequest[taskId=" + taskId + ", requestId=" + requestId + ", systemId=" + systemId + "]";
    }
}
