package dev.rightsplatform.rights.delivery.collection;

import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code PUT /internal/v1/collections/{taskId}}: deletion-worker uploads what one system holds about the person, as
 * the part document {@code {"categories": {"<name>": [ {record}, ... ]}}}, streamed (parts may be hundreds of MB).
 * Only the worker's service account (realm role rights-worker) may call it; it is not routed by the gateway.
 */
@RestController
@RequestMapping("/internal/v1/collections")
class CollectionController {

    private final CollectionIntake intake;

    CollectionController(CollectionIntake intake) {
        this.intake = intake;
    }

    @PutMapping(
            path = "/{taskId}",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<CollectionIntake.Receipt> upload(@PathVariable UUID taskId, ServerHttpRequest request) {
        return intake.accept(taskId, request.getBody());
    }
}
