package dev.rightsplatform.rights.metrics;

import dev.rightsplatform.rights.lifecycle.RequestObserver;
import dev.rightsplatform.rights.lifecycle.RequestStatus;
import dev.rightsplatform.rights.lifecycle.RightsRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Requests as they close, recorded once their transaction commits:
 * <ul>
 * <li>{@code rights.requests.closed} (counter) by {@code type} and final {@code status} (COMPLETED, REFUSED,
 * CANCELLED);</li>
 * <li>{@code rights.request.completion} (timer) from received to completed, by {@code type} and {@code jurisdiction},
 * with buckets at the lengths deadlines are counted in (1 h to 60 days), and at 1 and 10 minutes for the requests
 * that systems answering at once complete within the hour (without them any such time reads as most of an hour).</li>
 * </ul>
 */
@Component
class CompletionMetrics implements RequestObserver {

    static final String CLOSED = "rights.requests.closed";
    static final String COMPLETION = "rights.request.completion";

    private final MeterRegistry registry;

    CompletionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Mono<Void> changed(RightsRequest request) {
        if (request.status().isOpen()) {
            return Mono.empty();
        }
        return afterCommit(() -> record(request));
    }

    private void record(RightsRequest request) {
        Counter.builder(CLOSED)
                .description("requests closed, by final status")
                .tag("type", request.type().name())
                .tag("status", request.status().name())
                .register(registry)
                .increment();
        if (request.status() == RequestStatus.COMPLETED && request.closedAt() != null) {
            Timer.builder(COMPLETION)
                    .description("time from a request's receipt to its completion")
                    .tag("type", request.type().name())
                    .tag("jurisdiction", String.valueOf(request.subject().jurisdiction()))
                    .serviceLevelObjectives(
                            Duration.ofMinutes(1),
                            Duration.ofMinutes(10),
                            Duration.ofHours(1),
                            Duration.ofDays(1),
                            Duration.ofDays(7),
                            Duration.ofDays(15),
                            Duration.ofDays(21),
                            Duration.ofDays(30),
                            Duration.ofDays(45),
                            Duration.ofDays(60))
                    .register(registry)
                    .record(Duration.between(request.receivedAt(), request.closedAt()));
        }
    }

    private static Mono<Void> afterCommit(Runnable action) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(sync -> sync.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(action);
                    }
                }))
                .onErrorResume(NoTransactionException.class, outside -> Mono.fromRunnable(action))
                .then();
    }
}
