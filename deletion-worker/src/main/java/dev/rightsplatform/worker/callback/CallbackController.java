package dev.rightsplatform.worker.callback;

import dev.rightsplatform.worker.connector.CallbackReader;
import dev.rightsplatform.worker.connector.CallbackReader.CallbackReport;
import dev.rightsplatform.worker.connector.Connector;
import dev.rightsplatform.worker.connector.Connectors;
import dev.rightsplatform.worker.web.ProblemType;
import dev.rightsplatform.worker.web.Problems;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Where systems report on tasks they accepted: {@code POST /callbacks/<systemId>/<taskId>} (http, HMAC-signed) and
 * {@code POST /callbacks/opendsr/<systemId>/<taskId>} (OpenDSR, RSA-signed). Both paths name the task, and the
 * connector refuses a report whose signed content is not about that task; it authenticates the raw body before
 * anything reads it. Problems are application/problem+json and never echo the body.
 */
@RestController
class CallbackController {

    private static final Logger log = LoggerFactory.getLogger(CallbackController.class);

    private final Connectors connectors;

    private final CallbackSettlement settlement;

    CallbackController(Connectors connectors, CallbackSettlement settlement) {
        this.connectors = connectors;
        this.settlement = settlement;
    }

    @PostMapping("/callbacks/{systemId}/{taskId}")
    Mono<ResponseEntity<Object>> fromHttpSystem(
            @PathVariable String systemId,
            @PathVariable String taskId,
            @RequestHeader HttpHeaders headers,
            @RequestBody(required = false) byte @Nullable [] body) {
        UUID id = uuidOrNull(taskId);
        if (id == null) {
            return Mono.just(problem(ProblemType.UNKNOWN_TASK, "no task of this system has that id"));
        }
        return handle(systemId, true, id, headers, body);
    }

    @PostMapping("/callbacks/opendsr/{systemId}/{taskId}")
    Mono<ResponseEntity<Object>> fromOpenDsrProcessor(
            @PathVariable String systemId,
            @PathVariable String taskId,
            @RequestHeader HttpHeaders headers,
            @RequestBody(required = false) byte @Nullable [] body) {
        UUID id = uuidOrNull(taskId);
        if (id == null) {
            return Mono.just(problem(ProblemType.UNKNOWN_TASK, "no task of this system has that id"));
        }
        return handle(systemId, false, id, headers, body);
    }

    private Mono<ResponseEntity<Object>> handle(
            String systemId, boolean sharedRoute, UUID taskId, HttpHeaders headers, byte @Nullable [] body) {
        CallbackReader reader = this.connectors
                .forSystem(systemId)
                .flatMap(Connector::callbacks)
                .filter(candidate -> candidate.taskIdInPath() == sharedRoute)
                .orElse(null);
        if (reader == null) {
            return Mono.just(problem(ProblemType.UNKNOWN_CALLBACK, "no registered system takes callbacks here"));
        }
        return reader.read(taskId, headers, body != null ? body : new byte[0])
                .flatMap(report -> answer(systemId, report))
                .onErrorResume(ex -> {
                    log.warn(
                            "Callback of system {} could not be recorded ({}); it may be sent again",
                            systemId,
                            ex.toString());
                    return Mono.just(problem(
                            ProblemType.CALLBACK_NOT_RECORDED, "the report could not be recorded; send it again"));
                });
    }

    private Mono<ResponseEntity<Object>> answer(String systemId, CallbackReport report) {
        if (report instanceof CallbackReport.Unauthenticated refused) {
            log.warn("Refused a callback for system {}: {}", systemId, refused.reason());
            return Mono.just(problem(ProblemType.CALLBACK_UNAUTHENTICATED, refused.reason()));
        }
        if (report instanceof CallbackReport.Unreadable unreadable) {
            return Mono.just(problem(ProblemType.CALLBACK_UNREADABLE, unreadable.reason()));
        }
        Mono<CallbackSettlement.Result> result = (report instanceof CallbackReport.Settled settled)
                ? this.settlement.settle(systemId, settled.taskId(), settled.outcome())
                : this.settlement.progress(systemId, ((CallbackReport.Progress) report).taskId());
        return result.map(outcome -> switch (outcome) {
            case UNKNOWN -> problem(ProblemType.UNKNOWN_TASK, "no task of this system has that id");
            case RECORDED -> ok("recorded");
            case ALREADY_SETTLED -> ok("already settled");
            case NOTED -> ok("noted");
        });
    }

    private static ResponseEntity<Object> ok(String status) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("status", status));
    }

    private static ResponseEntity<Object> problem(ProblemType type, String detail) {
        return Problems.answer(type, detail);
    }

    private static @Nullable UUID uuidOrNull(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
