package dev.rightsplatform.rights.lifecycle;

import dev.rightsplatform.rights.system.SystemRegistry;
import dev.rightsplatform.rights.task.Task;
import dev.rightsplatform.rights.task.TaskStatus;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Which tasks a request needs: for each step of its {@link Workflow} that sends tasks, one per system the step reaches,
 * in the step's sequence. A consent withdrawal reaches every system whose registry entry lists the purpose (its
 * {@code purposes} alone decide); the other steps, the systems taking part in the request's type.
 */
@Component
class TaskPlan {

    private final SystemRegistry registry;

    TaskPlan(SystemRegistry registry) {
        this.registry = registry;
    }

    List<Task> tasksFor(RightsRequest request) {
        return Workflow.of(request.type()).stream()
                .filter(step -> step.action() != null)
                .flatMap(step -> reached(request, step)
                        .map(entry -> Task.planned(
                                request.id(),
                                entry.id(),
                                step.action(),
                                step.sequence(entry.system().phase()))))
                .toList();
    }

    private Stream<SystemRegistry.Entry> reached(RightsRequest request, Step step) {
        if (step == Step.WITHDRAW) {
            return registry.processing(request.purpose()).stream();
        }
        var taking = registry.taking(request.type()).stream();
        return switch (step) {
            case PRECHECK -> taking.filter(entry -> entry.system().precheck());
            case DISABLE -> taking.filter(entry -> entry.system().holdsTheAccount());
            default -> taking;
        };
    }

    /** A cancel: the steps done so far that have an undo get it, for every system whose part was done. */
    List<Task> undo(RightsRequest request, List<Task> existing) {
        return existing.stream()
                .filter(task -> task.status() == TaskStatus.DONE)
                .filter(task -> Step.of(task.action()).undoneBy() != null)
                .map(task -> {
                    var undo = Step.of(task.action()).undoneBy();
                    return Task.planned(request.id(), task.systemId(), undo.action(), undo.sequence(0));
                })
                .toList();
    }
}
