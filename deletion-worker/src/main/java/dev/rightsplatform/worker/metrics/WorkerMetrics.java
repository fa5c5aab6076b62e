package dev.rightsplatform.worker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The worker's domain metrics (infra/observability). Tags are bounded: the system id (from the registry), the action
 * and an outcome word; never a task, request or person.
 * <ul>
 * <li>{@code worker.system.calls} (an observation: a timer and a span): each call to a downstream system's
 * connector, by {@code system}, {@code action} and {@code outcome} ({@code done}, {@code blocked}, {@code waiting},
 * {@code retryable}, {@code rejected});</li>
 * <li>{@code worker.tasks.finished} (counter): tasks settled, by {@code system}, {@code action} and {@code outcome}
 * ({@code done}, {@code failed}, {@code blocked});</li>
 * <li>{@code worker.task.attempts} (summary): attempts a settled task took, by {@code system};</li>
 * <li>{@code worker.task.retries} (counter): retries scheduled, by {@code system};</li>
 * <li>{@code worker.tasks.parked} (counter): messages moved to the parked queue for a person to look at;</li>
 * <li>{@code worker.ledger.batch.rows} (summary, recorded by the ledger, {@code TaskExecutions}): tasks per claim or
 * finish statement, by {@code statement}: how much group commit the load brings.</li>
 * </ul>
 */
@Component
public class WorkerMetrics {

    public static final String SYSTEM_CALLS = "worker.system.calls";
    public static final String TASKS_FINISHED = "worker.tasks.finished";
    public static final String TASK_ATTEMPTS = "worker.task.attempts";
    public static final String TASK_RETRIES = "worker.task.retries";
    public static final String TASKS_PARKED = "worker.tasks.parked";

    private final MeterRegistry registry;
    private final ObservationRegistry observations;
    private final Counter parked;

    public WorkerMetrics(MeterRegistry registry, ObservationRegistry observations) {
        this.registry = registry;
        this.observations = observations;
        this.parked = Counter.builder(TASKS_PARKED)
                .description("task messages moved to the parked queue")
                .register(registry);
    }

    /**
     * Starts the observation of one call to a system's connector (a child of the task's span); end it with
     * {@link #called}.
     */
    public Observation calling(String system, String action, @Nullable Observation parent) {
        return Observation.createNotStarted(SYSTEM_CALLS, this.observations)
                .contextualName("call " + system)
                .lowCardinalityKeyValue("system", system)
                .lowCardinalityKeyValue("action", word(action))
                .parentObservation(parent)
                .start();
    }

    /** The call observed by {@code call} ended in {@code outcome}. */
    public void called(Observation call, String outcome) {
        call.lowCardinalityKeyValue("outcome", outcome).stop();
    }

    /** A task reached its final outcome after {@code attempts} attempts. */
    public void finished(String system, String action, String outcome, int attempts) {
        Counter.builder(TASKS_FINISHED)
                .description("tasks settled, by outcome")
                .tag("system", system)
                .tag("action", word(action))
                .tag("outcome", word(outcome))
                .register(this.registry)
                .increment();
        DistributionSummary.builder(TASK_ATTEMPTS)
                .description("attempts a settled task took")
                .tag("system", system)
                .register(this.registry)
                .record(attempts);
    }

    public void retried(String system) {
        Counter.builder(TASK_RETRIES)
                .description("task retries scheduled")
                .tag("system", system)
                .register(this.registry)
                .increment();
    }

    public void parked() {
        this.parked.increment();
    }

    private static String word(@Nullable Object value) {
        return (value == null) ? "unknown" : value.toString().toLowerCase(Locale.ROOT);
    }
}
