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

    Mono<Void> publish(String type, RightsRequest request) {
        var eventId = UUID.randomUUID();
        var event = new RequestEvent(eventId, type, request.id(), request.type(), request.status(), clock.instant(),
                request.dueAt(), new RequestEvent.Recipient(request.subjectEmail(), request.subjectLocale()));
        return outbox.add(eventId, Messaging.EVENTS_EXCHANGE, Messaging.eventRoutingKey(type), "RequestEvent", event);
    }
}
