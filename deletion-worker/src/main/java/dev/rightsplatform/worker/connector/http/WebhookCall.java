package dev.rightsplatform.worker.connector.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The JSON body of a webhook call: {@code {"taskId","requestId","action","subject":{"userId"}}}, and for WITHDRAW
 * also {@code "purpose"} (left out of every other call).
 */
record WebhookCall(
        UUID taskId,
        UUID requestId,
        String action,
        Subject subject,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String purpose) {

    record Subject(String userId) {

        @Override
        public String toString() {
            return "Subject[userId=<redacted>]"; // personal data: keep it out of any log by accident
        }
    }
}
