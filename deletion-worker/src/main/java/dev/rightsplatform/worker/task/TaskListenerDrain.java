package dev.rightsplatform.worker.task;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Lets running tasks finish on shutdown, before the listener container closes the channel their acks need.
 * Without it a restart would leave their leases in the ledger, and their redeliveries would wait for them to
 * run out. It is a bean of its own because Spring stops a bean's dependents first, and the container depends
 * on the listener: the drain must stop first, so nothing may depend on it.
 */
@Component
class TaskListenerDrain implements SmartLifecycle {

    /** The container stops one phase later, i.e. after this. */
    static final int PHASE = Integer.MAX_VALUE;

    private static final Logger log = LoggerFactory.getLogger(TaskListenerDrain.class);

    private final TaskListener listener;

    private final TaskProperties properties;

    private volatile boolean running;

    TaskListenerDrain(TaskListener listener, TaskProperties properties) {
        this.listener = listener;
        this.properties = properties;
    }

    @Override
    public void start() {
        this.listener.resumeTaking();
        this.running = true;
    }

    /** Waits up to worker.tasks.shutdown-timeout for the running tasks. */
    @Override
    public void stop() {
        this.listener.beginDraining();
        long deadline = System.nanoTime() + this.properties.shutdownTimeout().toNanos();
        if (this.listener.tasksInFlight() > 0) {
            log.info("Waiting for {} running task(s) to finish", this.listener.tasksInFlight());
        }
        while (this.listener.tasksInFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (this.listener.tasksInFlight() > 0) {
            log.warn(
                    "Stopping with {} task(s) still running; RabbitMQ will redeliver them",
                    this.listener.tasksInFlight());
        }
        this.running = false;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
