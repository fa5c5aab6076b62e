package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.system.SystemRegistry;
import dev.rightsplatform.rights.task.Task;
import dev.rightsplatform.rights.task.TaskStatus;
import dev.rightsplatform.rights.workflow.RequestType;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Which tasks a request needs, in which steps. A deregistration: first the pre-checks (may the account be closed?),
 * then the account is disabled (and the cooling-off runs), then each phase of erasure, the account last. Steps are
 * numbers: a step starts when every task of the step before it has its answer. A consent withdrawal: one step, a
 * WITHDRAW task for every system whose registry entry lists the purpose (its {@code purposes} alone decide).
 */
@Component
class TaskPlan {

    static final int PRECHECK_STEP = 1;
    /** Access and export: every system collects at once; order does not matter for reading. */
    static final int COLLECT_STEP = 5;

    static final int DISABLE_STEP = 2;
    /** Erasure phase n runs as step ERASE_STEPS + n. */
    static final int ERASE_STEPS = 10;
    /** Re-enabling an account after a cancelled cooling-off runs on its own, after everything else. */
    static final int ENABLE_STEP = 1000;

    static final int WITHDRAW_STEP = 1;

    private final SystemRegistry registry;

    TaskPlan(SystemRegistry registry) {
        this.registry = registry;
    }

    List<Task> tasksFor(RightsRequest request) {
        if (request.type() == RequestType.WITHDRAW_CONSENT) {
            return registry.processing(request.purpose()).stream()
                    .map(entry -> Task.planned(request.id(), entry.id(), Task.WITHDRAW, WITHDRAW_STEP))
                    .toList();
        }
        var systems = registry.taking(request.type());
        var tasks = new ArrayList<Task>();
        if (request.type() == RequestType.ACCESS || request.type() == RequestType.EXPORT) {
            systems.forEach(entry -> tasks.add(Task.planned(request.id(), entry.id(), Task.COLLECT, COLLECT_STEP)));
            return tasks;
        }
        if (request.type() == RequestType.DEREGISTER) {
            systems.stream()
                    .filter(entry -> entry.system().precheck())
                    .forEach(entry -> tasks.add(Task.planned(request.id(), entry.id(), Task.PRECHECK, PRECHECK_STEP)));
            systems.stream()
                    .filter(entry -> entry.system().holdsTheAccount())
                    .forEach(entry -> tasks.add(Task.planned(request.id(), entry.id(), Task.DISABLE, DISABLE_STEP)));
        }
        systems.forEach(entry -> tasks.add(Task.planned(
                request.id(),
                entry.id(),
                Task.ERASE,
                ERASE_STEPS + entry.system().phase())));
        return tasks;
    }

    /** After a cancelled cooling-off: enable again every account that was disabled. */
    List<Task> reenable(RightsRequest request, List<Task> existing) {
        return existing.stream()
                .filter(task -> Task.DISABLE.equals(task.action()) && task.status() == TaskStatus.DONE)
                .map(task -> Task.planned(request.id(), task.systemId(), Task.ENABLE, ENABLE_STEP))
                .toList();
    }
}
