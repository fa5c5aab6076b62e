package dev.rightsplatform.worker.connector.collection;

import dev.rightsplatform.worker.connector.Collected;
import dev.rightsplatform.worker.connector.ConnectorOutcome;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads rights-service's 200 answer to an upload, {@code {"records": n, "bytes": n, "sha256": "<64 hex>",
 * "categories": [...]}}, into what the TaskResult reports. An answer of another shape is a refusal: a retry would
 * not change it.
 */
final class Receipts {

    private final JsonMapper json;

    Receipts(JsonMapper json) {
        this.json = json;
    }

    ConnectorOutcome outcomeOf(String systemId, byte[] body) {
        JsonNode receipt;
        try {
            receipt = this.json.readTree(body);
        } catch (JacksonException ex) {
            return unreadable();
        }
        JsonNode records = receipt.path("records");
        JsonNode bytes = receipt.path("bytes");
        JsonNode sha256 = receipt.path("sha256");
        if (!isCount(records)
                || !isCount(bytes)
                || !sha256.isString()
                || !Collected.SHA256.matcher(sha256.stringValue()).matches()) {
            return unreadable();
        }
        List<String> categories = new ArrayList<>();
        for (JsonNode category : receipt.path("categories")) {
            if (category.isString()) {
                categories.add(category.stringValue());
            }
        }
        Collected collected = new Collected(records.longValue(), bytes.longValue(), sha256.stringValue(), categories);
        return ConnectorOutcome.Done.collected(
                systemId + ": " + collected.records() + " record(s) in "
                        + categories.size() + " categor" + (categories.size() == 1 ? "y" : "ies") + ", "
                        + collected.bytes()
                        + " bytes, stored by rights-service",
                collected);
    }

    private static boolean isCount(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0;
    }

    private static ConnectorOutcome unreadable() {
        return new ConnectorOutcome.Rejected(
                "rights-service answered the upload with HTTP 200 but no receipt" + " (records, bytes, sha256)");
    }
}
