package dev.rightsplatform.rights.opendsr;

import dev.rightsplatform.rights.web.TextRules;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@link TextRules} over a whole OpenDSR body, which is read as a tree rather than through the request-body decoder:
 * every string value and field name, one-line except under {@code extensions} (free-form, may hold multi-line text).
 * A NUL in an identity value reached PostgreSQL before (a 500). Findings name the path, never the value.
 */
final class TreeText {

    private static final int MAX_FINDINGS = 10;

    private TreeText() {}

    static void check(JsonNode body, List<OpenDsrError.Item> errors) {
        walk(body, "", false, errors);
    }

    private static void walk(JsonNode node, String path, boolean multiLine, List<OpenDsrError.Item> errors) {
        if (errors.size() >= MAX_FINDINGS) {
            return;
        }
        if (node.isString()) {
            refuse(path, TextRules.refusal(node.asString(), multiLine), errors);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", multiLine, errors);
            }
        } else if (node.isObject()) {
            for (var name : node.propertyNames()) {
                var refusal = TextRules.refusal(name, false);
                if (refusal != null) {
                    refuse((path.isEmpty() ? "a field name" : "a field name in " + path), refusal, errors);
                    continue;
                }
                var child = path.isEmpty() ? name : path + "." + name;
                walk(node.get(name), child, multiLine || "extensions".equals(child), errors);
            }
        }
    }

    private static void refuse(String path, @Nullable String refusal, List<OpenDsrError.Item> errors) {
        if (refusal != null) {
            errors.add(new OpenDsrError.Item("invalid_characters", path + " " + refusal + "."));
        }
    }
}
