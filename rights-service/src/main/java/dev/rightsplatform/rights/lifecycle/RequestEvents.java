package dev.rightsplatform.rights.lifecycle;

import dev.rightsplatform.rights.messaging.Messaging;
import dev.rightsplatform.rights.outbox.Outbox;
import dev.rightsplatform.rights.task.TaskStore;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Puts lifecycle events in the outbox, in the transaction of the change they announce. */
@Component
class RequestEvents {

    static final String VERIFICATION_CODE = "request.verification-code";

    private final Outbox outbox;
    private final TaskStore tasks;
    private final ReceiptPaths receipts;
    private final Clock clock;

    RequestEvents(Outbox outbox, TaskStore tasks, ReceiptPaths receipts, Clock clock) {
        this.outbox = outbox;
        this.tasks = tasks;
        this.receipts = receipts;
        this.clock = clock;
    }

    Mono<Void> publish(LifecycleEvent event, RightsRequest request) {
        return publish(event, request, null);
    }

    /** {@code systemId}: the system an event is about (a late task), else null. */
    Mono<Void> publish(LifecycleEvent event, RightsRequest request, @Nullable String systemId) {
        var retention = event == LifecycleEvent.COMPLETED
                ? tasks.retentionOf(request.id())
                        .map(hold -> new RequestEvent.Retained(hold.category(), hold.basis(), hold.until()))
                        .collectList()
                : Mono.just(List.<RequestEvent.Retained>of());
        return retention.flatMap(kept -> {
            var eventId = UUID.randomUUID();
            var subject = request.subject();
            var message = new RequestEvent(
                    eventId,
                    event.type(),
                    request.id(),
                    request.type(),
                    request.status(),
                    clock.instant(),
                    request.deadline().dueAt(),
                    request.deadline().dueDate(),
                    reasonFor(event, request),
                    systemId,
                    kept.isEmpty() ? null : kept,
                    null,
                    null,
                    null,
                    withoutAccount(request),
                    receiptPathFor(event, request),
                    new RequestEvent.Recipient(subject.email(), subject.locale()),
                    subject.jurisdiction());
            return outbox.add(
                    eventId,
                    Messaging.EVENTS_EXCHANGE,
                    Messaging.eventRoutingKey(event.type()),
                    "RequestEvent",
                    message);
        });
    }

    /** The one-time code for a request submitted without a login, to the address it names. */
    Mono<Void> publishVerificationCode(RightsRequest request, String code, java.time.Instant expiresAt) {
        var eventId = UUID.randomUUID();
        var subject = request.subject();
        var message = new RequestEvent(
                eventId,
                VERIFICATION_CODE,
                request.id(),
                request.type(),
                request.status(),
                clock.instant(),
                request.deadline().dueAt(),
                request.deadline().dueDate(),
                null,
                null,
                null,
                code,
                expiresAt,
                null,
                withoutAccount(request),
                null,
                new RequestEvent.Recipient(subject.email(), subject.locale()),
                subject.jurisdiction());
        return outbox.add(
                eventId,
                Messaging.EVENTS_EXCHANGE,
                Messaging.eventRoutingKey(VERIFICATION_CODE),
                "RequestEvent",
                message);
    }

    /** An export's archive can be downloaded until {@code availableUntil}. */
    Mono<Void> publishExportReady(RightsRequest request, java.time.Instant availableUntil) {
        var eventId = UUID.randomUUID();
        var subject = request.subject();
        var type = LifecycleEvent.EXPORT_READY.type();
        var message = new RequestEvent(
                eventId,
                type,
                request.id(),
                request.type(),
                request.status(),
                clock.instant(),
                request.deadline().dueAt(),
                request.deadline().dueDate(),
                null,
                null,
                null,
                null,
                null,
                availableUntil,
                withoutAccount(request),
                null,
                new RequestEvent.Recipient(subject.email(), subject.locale()),
                subject.jurisdiction());
        return outbox.add(eventId, Messaging.EVENTS_EXCHANGE, Messaging.eventRoutingKey(type), "RequestEvent", message);
    }

    /** A request submitted by e-mail address keeps a subject id of its own until an agent links the account. */
    private static boolean withoutAccount(RightsRequest request) {
        return request.subject().verifiedByEmail();
    }

    /** The receipt's portal page, for the completion of a request that has a receipt; null for anything else. */
    private String receiptPathFor(LifecycleEvent event, RightsRequest request) {
        return event == LifecycleEvent.COMPLETED ? receipts.portalPathOf(request) : null;
    }

    private static String reasonFor(LifecycleEvent event, RightsRequest request) {
        return switch (event) {
            case REFUSED -> request.refusalReason();
            case EXTENDED -> request.extension().reason();
            default -> null;
        };
    }
}
