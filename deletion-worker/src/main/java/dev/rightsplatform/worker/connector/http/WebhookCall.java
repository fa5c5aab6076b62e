package dev.rightsplatform.worker.connector.http;

import java.util.UUID;

/** The JSON body of a webhook call: {@code {"taskId","requestId","action","subject":{"userId"}}}. */
record WebhookCall(UUID taskId, UUID requestId, String action, Subject subject) {

    record Subject(String userId) {

        @Override
        public String toString() {
            return "Subject[userId=<redacted>]"; // personal data: keep it out of any log by accident
        }
    }
}
