package dev.rightsplatform.rights.opendsr;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes OpenDSR answers as exact bytes and signs those bytes: the signature must cover the raw body the controller
 * receives, so the body is serialised once, here, and never re-encoded by a message converter.
 */
@Component
class SignedResponses {

    static final String SIGNATURE = "X-OpenDSR-Signature";
    static final String PROCESSOR_DOMAIN = "X-OpenDSR-Processor-Domain";

    private final ProcessorKey key;
    private final JsonMapper json;
    private final String domain;

    SignedResponses(ProcessorKey key, JsonMapper json, OpenDsrProperties properties) {
        this.key = key;
        this.json = json;
        this.domain = properties.processorDomain();
    }

    byte[] bytes(Map<String, ?> body) {
        return json.writeValueAsBytes(body);
    }

    ResponseEntity<byte[]> answer(HttpStatus status, byte[] body) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .header(PROCESSOR_DOMAIN, domain)
                .header(SIGNATURE, key.sign(body))
                .body(body);
    }

    ResponseEntity<byte[]> error(OpenDsrError error) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "/problems/" + error.problemSlug());
        body.put("title", error.getMessage());
        body.put("status", error.status().value());
        body.put(
                "detail",
                error.errors().stream()
                        .map(OpenDsrError.Item::message)
                        .distinct()
                        .reduce((a, b) -> a + " " + b)
                        .orElse(error.getMessage()));
        body.put(
                "error",
                Map.of(
                        "code", error.status().value(),
                        "message", error.getMessage(),
                        "errors",
                                error.errors().stream()
                                        .map(item -> Map.of(
                                                "domain",
                                                OpenDsrError.DOMAIN,
                                                "reason",
                                                item.reason(),
                                                "message",
                                                item.message()))
                                        .toList()));
        var bytes = bytes(body);
        return ResponseEntity.status(error.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(PROCESSOR_DOMAIN, domain)
                .header(SIGNATURE, key.sign(bytes))
                .body(bytes);
    }

    String sign(byte[] body) {
        return key.sign(body);
    }

    String domain() {
        return domain;
    }
}
