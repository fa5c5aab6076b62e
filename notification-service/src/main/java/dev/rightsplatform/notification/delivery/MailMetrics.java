package dev.rightsplatform.notification.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The notification service's domain metrics (infra/observability), tagged by the event's {@code type} (its wire
 * name, from the contract: bounded) and an outcome word, never an address or a request:
 * <ul>
 * <li>{@code notification.mails} (counter): each delivery attempt's end, {@code outcome} {@code sent}, {@code failed}
 * (given up: no mail), {@code retrying} (an attempt failed, another follows) or {@code skipped} (nothing to mail);</li>
 * <li>{@code notification.mail.send} (an observation: a timer and a span in the event's trace): handing one mail to
 * the SMTP server, by {@code outcome} ({@code sent}, {@code error}).</li>
 * </ul>
 */
@Component
public class MailMetrics {

    public static final String MAILS = "notification.mails";
    public static final String SEND = "notification.mail.send";

    private final MeterRegistry registry;
    private final ObservationRegistry observations;

    MailMetrics(MeterRegistry registry, ObservationRegistry observations) {
        this.registry = registry;
        this.observations = observations;
    }

    void ended(String type, DeliveryStatus outcome) {
        Counter.builder(MAILS)
                .description("mail deliveries by outcome")
                .tag("type", type)
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }

    /** Runs {@code send} (one SMTP hand-over) observed: timed, and a span of the current trace. */
    void send(Runnable send) {
        var observation = Observation.createNotStarted(SEND, observations)
                .contextualName("send mail")
                .parentObservation(observations.getCurrentObservation())
                .lowCardinalityKeyValue("outcome", "error")
                .start();
        try (var scope = observation.openScope()) {
            send.run();
            observation.lowCardinalityKeyValue("outcome", "sent");
        } catch (RuntimeException e) {
            observation.error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }
}
