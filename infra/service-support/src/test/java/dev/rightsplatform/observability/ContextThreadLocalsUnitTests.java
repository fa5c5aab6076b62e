package dev.rightsplatform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What a reactive call's context holds — its observation, its request id — is current on the thread that runs the
 * code asking for it, and on no other: Reactor runs as in the services, "limited" (no automatic restoring).
 */
class ContextThreadLocalsUnitTests {

    // one MDC accessor per JVM (they share the context key "cp.slf4j"): the services' own
    private static final String KEY = RequestIdLogging.KEY;

    private static final ObservationRegistry REGISTRY = ObservationRegistry.create();

    @BeforeAll
    static void accessors() {
        REGISTRY.observationConfig().observationHandler(context -> true);
        ContextRegistry.getInstance().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor(KEY));
    }

    @Test
    void deferSetsTheObservationAndTheMdcWhileTheSupplierRunsOnAnotherThread() {
        var observation = Observation.start("call", REGISTRY);
        var seen = new AtomicReference<Observation>();
        var mdc = new AtomicReference<String>();
        var thread = new AtomicReference<String>();

        Mono.delay(Duration.ofMillis(5))
                .flatMap(tick -> ContextThreadLocals.defer(() -> {
                    seen.set(REGISTRY.getCurrentObservation());
                    mdc.set(MDC.get(KEY));
                    thread.set(Thread.currentThread().getName());
                    return Mono.just(tick);
                }))
                .contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, observation)
                        .put(Slf4jThreadLocalAccessor.KEY, Map.of(KEY, "req-12345678")))
                .block(Duration.ofSeconds(5));
        observation.stop();

        assertThat(thread.get()).as("a thread of Reactor's").startsWith("parallel");
        assertThat(seen.get()).isSameAs(observation);
        assertThat(mdc.get()).isEqualTo("req-12345678");
        assertThat(REGISTRY.getCurrentObservation())
                .as("nothing left on the caller's thread")
                .isNull();
        assertThat(MDC.get(KEY)).isNull();
    }

    @Test
    void runAndPeekSetThemAndTakeThemAwayAfterwards() {
        var inRun = new AtomicReference<String>();
        var inPeek = new AtomicReference<String>();
        var afterwards = new AtomicReference<String>("not read");

        Mono.just("value")
                .publishOn(Schedulers.single())
                .handle(ContextThreadLocals.<String>peek(value -> inPeek.set(MDC.get(KEY))))
                .flatMap(value -> Mono.deferContextual(context -> {
                    ContextThreadLocals.run(context, () -> inRun.set(MDC.get(KEY)));
                    afterwards.set(MDC.get(KEY));
                    return Mono.just(value);
                }))
                .contextWrite(context -> context.put(Slf4jThreadLocalAccessor.KEY, Map.of(KEY, "req-87654321")))
                .block(Duration.ofSeconds(5));

        assertThat(inPeek.get()).isEqualTo("req-87654321");
        assertThat(inRun.get()).isEqualTo("req-87654321");
        assertThat(afterwards.get()).as("restored when run ends").isNull();
    }

    @Test
    void withoutThemAnOrdinaryOperatorSeesNothing() {
        // the reason the few readers ask: "limited" restores nothing around doOnNext
        var seen = new AtomicReference<String>("not read");
        Mono.just("value")
                .publishOn(Schedulers.single())
                .doOnNext(value -> seen.set(MDC.get(KEY)))
                .contextWrite(context -> context.put(Slf4jThreadLocalAccessor.KEY, Map.of(KEY, "req-11111111")))
                .block(Duration.ofSeconds(5));
        assertThat(seen.get()).isNull();
    }
}
