package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.messaging.Messaging;
import dev.rightsplatform.rights.outbox.Outbox;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Puts lifecycle events in the outbox, in the transaction of the change they announce. */
@Component
class RequestEvents {

    private final Outbox outbox;
    private final Clock clock;

    RequestEvents(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    Mono<Void> publish(LifecycleEvent event, RightsRequest request) {
        var eventId = UUID.randomUUID();
        var subject = request.subject();
        var message = new RequestEvent(eventId, event.type(), request.id(), request.type(), request.status(),
                clock.instant(), request.deadline().dueAt(), request.deadline().dueDate(), reasonFor(event, request),
                new RequestEvent.Recipient(subject.email(), subject.locale()));
        return outbox.add(eventId, Messaging.EVENTS_EXCHANGE, Messaging.eventRoutingKey(event.type()), "RequestEvent",
                message);
    }

    private static String reasonFor(LifecycleEvent event, RightsRequest request) {
        return switch (event) {
            case REFUSED -> request.refusalReason();
            case EXTENDED -> request.extension().reason();
            default -> null;
        };
    }
}
