package dev.rightsplatform.notification.delivery;

import dev.rightsplatform.notification.delivery.DeliveryLog.Entry;
import dev.rightsplatform.notification.delivery.Outcome.Finished;
import dev.rightsplatform.notification.delivery.Outcome.HeldElsewhere;
import dev.rightsplatform.notification.delivery.Outcome.RetryAfter;
import dev.rightsplatform.notification.event.RequestEvent;
import dev.rightsplatform.notification.mail.AgentSettings;
import dev.rightsplatform.notification.mail.EmailSender;
import dev.rightsplatform.notification.mail.MailTemplates;
import dev.rightsplatform.notification.mail.RenderedMail;
import dev.rightsplatform.notification.mail.SupportedLocale;
import dev.rightsplatform.observability.ContextThreadLocals;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Carries one event out at most once: claim its delivery-log row, send the mail, record the result. Events for the
 * person are mailed to the person; events for agents become an alert to the team address
 * ({@code notification.agents.address}), with the same claim, retries and guarantees, or are recorded as SKIPPED when
 * no address is configured. Logs name the event and request by id only.
 */
@Service
public class EventDelivery {

    private static final Logger logger = LoggerFactory.getLogger(EventDelivery.class);

    /** What the delivery log records as the template of an event for agents when no team address is configured. */
    private static final String AGENT_ALERT_NOT_CONFIGURED = "agent-alert-not-configured";

    private final DeliveryLog deliveryLog;

    private final MailTemplates templates;

    private final EmailSender sender;

    private final DeliverySettings settings;

    private final MailMetrics metrics;

    private final AgentSettings agents;

    EventDelivery(
            DeliveryLog deliveryLog,
            MailTemplates templates,
            EmailSender sender,
            DeliverySettings settings,
            MailMetrics metrics,
            AgentSettings agents) {
        this.metrics = metrics;
        this.agents = agents;
        this.deliveryLog = deliveryLog;
        this.templates = templates;
        this.sender = sender;
        this.settings = settings;
    }

    public Mono<Outcome> deliver(RequestEvent event) {
        if (!event.type().isForPerson()) {
            return alert(event);
        }
        SupportedLocale locale = SupportedLocale.resolve(event.recipient().locale());
        Entry entry = new Entry(
                event.eventId(),
                event.type().wireName(),
                event.requestId(),
                event.type().template(),
                locale.tag());
        String address = event.recipient().email();
        if (address == null) {
            return deliveryLog
                    .recordSkipped(entry, "no e-mail address in the event")
                    .then(Mono.fromSupplier(() -> finished(event, DeliveryStatus.SKIPPED)));
        }
        // Rendered before claiming: a template problem must not leave a claimed row behind.
        RenderedMail mail = templates.render(event, locale);
        return deliveryLog
                .claim(entry, settings.claimLease())
                .flatMap(attempt -> send(event, address, mail, attempt))
                .switchIfEmpty(Mono.defer(() -> notClaimed(event)));
    }

    /**
     * An event for agents: one mail to the team address in the team's language, never to the person (whose address
     * the event carries for the person's own mails). Same claim, retries and log as the person's mails, since the
     * event id is the key either way and an event is for one audience only.
     */
    private Mono<Outcome> alert(RequestEvent event) {
        SupportedLocale locale = agents.language();
        Optional<String> team = agents.teamAddress();
        if (team.isEmpty()) {
            // Acknowledged and recorded, never parked: the event is valid, there is just nobody configured to tell.
            Entry entry = new Entry(
                    event.eventId(),
                    event.type().wireName(),
                    event.requestId(),
                    AGENT_ALERT_NOT_CONFIGURED,
                    locale.tag());
            return deliveryLog
                    .recordSkipped(
                            entry,
                            AGENT_ALERT_NOT_CONFIGURED + ": an event for agents, and notification.agents.address "
                                    + "is not set; the person is not mailed about it")
                    .then(Mono.fromSupplier(() -> finished(event, DeliveryStatus.SKIPPED)));
        }
        Entry entry = new Entry(
                event.eventId(),
                event.type().wireName(),
                event.requestId(),
                event.type().alertTemplate(),
                locale.tag());
        RenderedMail mail = templates.renderAlert(event, locale);
        return deliveryLog
                .claim(entry, settings.claimLease())
                .flatMap(attempt -> send(event, team.get(), mail, attempt))
                .switchIfEmpty(Mono.defer(() -> notClaimed(event)));
    }

    private Mono<Outcome> send(RequestEvent event, String address, RenderedMail mail, int attempt) {
        // the send's span is a child of the event's, read from the Reactor context on the sending thread
        return Mono.deferContextual(context -> Mono.fromRunnable(() ->
                        ContextThreadLocals.run(context, () -> metrics.send(() -> sender.send(address, mail)))))
                .subscribeOn(Schedulers.boundedElastic())
                // The mail is out: recording it must not fail on a blip, or a later claim would find it abandoned.
                .then(Mono.defer(() -> deliveryLog.markSent(event.eventId()))
                        .retryWhen(Retry.backoff(3, Duration.ofMillis(200))))
                // log lines in the event's trace (context propagation "limited")
                .then(ContextThreadLocals.defer(() -> Mono.just(finished(event, DeliveryStatus.SENT))))
                .onErrorResume(
                        MailException.class,
                        failure -> ContextThreadLocals.defer(() -> unsent(event, attempt, failure)));
    }

    private Mono<Outcome> unsent(RequestEvent event, int attempt, MailException failure) {
        String error = ErrorText.describe(failure, event.secrets());
        boolean permanent = failure instanceof MailParseException || failure instanceof MailPreparationException;
        if (permanent || attempt >= settings.maxAttempts()) {
            logger.error(
                    "Gave up on event {} (request {}) after attempt {}: {}",
                    event.eventId(),
                    event.requestId(),
                    attempt,
                    error);
            return deliveryLog
                    .markUnsent(event.eventId(), DeliveryStatus.FAILED, error)
                    .doOnSuccess(marked -> metrics.ended(event.type().wireName(), DeliveryStatus.FAILED))
                    .thenReturn(new Finished(DeliveryStatus.FAILED));
        }
        Duration delay = settings.delayBeforeRetry(attempt);
        logger.warn(
                "Attempt {} for event {} (request {}) failed, next in {}: {}",
                attempt,
                event.eventId(),
                event.requestId(),
                delay,
                error);
        return deliveryLog
                .markUnsent(event.eventId(), DeliveryStatus.RETRYING, error)
                .doOnSuccess(marked -> metrics.ended(event.type().wireName(), DeliveryStatus.RETRYING))
                .thenReturn(new RetryAfter(delay));
    }

    private Mono<Outcome> notClaimed(RequestEvent event) {
        UUID eventId = event.eventId();
        return deliveryLog
                .find(eventId)
                .flatMap(state -> ContextThreadLocals.defer(() -> {
                    if (state.status().isFinal()) {
                        logger.info(
                                "Event {} (request {}) is already {}: nothing to do",
                                eventId,
                                event.requestId(),
                                state.status());
                        return Mono.just(new Finished(state.status()));
                    }
                    if (state.status() == DeliveryStatus.SENDING && state.leaseExpired()) {
                        return giveUpAbandoned(event);
                    }
                    return Mono.<Outcome>just(new HeldElsewhere());
                }))
                .defaultIfEmpty(new HeldElsewhere());
    }

    private Mono<Outcome> giveUpAbandoned(RequestEvent event) {
        String error = "an earlier attempt was interrupted while sending; the mail may or may not have gone out";
        return deliveryLog.failAbandoned(event.eventId(), error).map(gaveUp -> {
            if (!gaveUp) {
                return new HeldElsewhere();
            }
            logger.error("Gave up on event {} (request {}): {}", event.eventId(), event.requestId(), error);
            metrics.ended(event.type().wireName(), DeliveryStatus.FAILED);
            return new Finished(DeliveryStatus.FAILED);
        });
    }

    private Outcome finished(RequestEvent event, DeliveryStatus status) {
        logger.info("Event {} (request {}) {}", event.eventId(), event.requestId(), status);
        metrics.ended(event.type().wireName(), status);
        return new Finished(status);
    }
}
