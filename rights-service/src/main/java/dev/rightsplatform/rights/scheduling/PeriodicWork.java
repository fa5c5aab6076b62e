package dev.rightsplatform.rights.scheduling;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Work every instance does on a timer (scans, sweeps, senders): one round at a time — a round that outlasts the
 * interval makes the next ticks wait rather than pile up — and a failed round is logged and tried again at the next
 * tick, never ending the timer. Started and stopped with the application context.
 */
public abstract class PeriodicWork implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private volatile Disposable running;

    /** {@code name}: what a round does, for the log ("sending status callbacks"). */
    protected PeriodicWork(String name) {
        this.name = name;
    }

    /** The pause between rounds. */
    protected abstract Duration interval();

    /** Before the first round: one interval by default. */
    protected Duration initialDelay() {
        return interval();
    }

    /** One round. */
    protected abstract Mono<?> round();

    @Override
    public void start() {
        running = Flux.interval(initialDelay(), interval())
                .onBackpressureDrop()
                .concatMap(tick -> round().onErrorResume(e -> {
                    log.warn("{} failed, will retry: {}", name, e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
