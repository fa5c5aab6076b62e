package dev.rightsplatform.rights.lifecycle;

import dev.rightsplatform.rights.audit.AuditTrail;
import dev.rightsplatform.rights.task.Task;
import dev.rightsplatform.rights.task.TaskAction;
import dev.rightsplatform.rights.task.TaskOutcome;
import dev.rightsplatform.rights.task.TaskStatus;
import dev.rightsplatform.rights.task.TaskStore;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A system's answer to a task ({@link LifecycleCommand.RecordResult}): recorded once, audited under whoever gave it, and
 * the request moved on ({@link StepProgress}). A COLLECT counts as done only when its upload is stored with the
 * checksum the worker reports. Idempotent: an answer already recorded changes nothing.
 */
@Component
class Answers {

    private final RequestStore requests;
    private final TaskStore tasks;
    private final AuditTrail audit;
    private final StoredParts parts;
    private final StepProgress progress;

    Answers(RequestStore requests, TaskStore tasks, AuditTrail audit, StoredParts parts, StepProgress progress) {
        this.requests = requests;
        this.tasks = tasks;
        this.audit = audit;
        this.parts = parts;
        this.progress = progress;
    }

    /** Emits the request after the answer; empty when the answer was already recorded. */
    Mono<RightsRequest> record(LifecycleCommand.RecordResult answer) {
        return tasks.find(answer.taskId())
                .switchIfEmpty(Mono.error(new UnknownTaskException(answer.taskId())))
                .flatMap(task -> checked(task, answer)
                        .flatMap(outcome -> requests.lock(task.requestId())
                                // the request is locked first: answers for one request are recorded one after the other
                                .flatMap(request -> tasks.recordOutcome(task.id(), outcome)
                                        .flatMap(
                                                after -> afterAnswer(request, task, outcome, answer.actor(), after)))));
    }

    /** A COLLECT reported done whose upload is not stored as reported is a failure: the data would be missing. */
    private Mono<TaskOutcome> checked(Task task, LifecycleCommand.RecordResult answer) {
        var outcome = answer.outcome();
        if (answer.upload() == null || task.action() != TaskAction.COLLECT || outcome.status() != TaskStatus.DONE) {
            return Mono.just(outcome);
        }
        return parts.isStored(task.id(), answer.upload().sha256())
                .map(stored -> stored
                        ? outcome
                        : new TaskOutcome(
                                TaskStatus.FAILED,
                                "the collected data did not arrive as reported",
                                outcome.systemReference(),
                                outcome.attempts(),
                                null,
                                List.of(),
                                outcome.completedAt()));
    }

    private Mono<RightsRequest> afterAnswer(
            RightsRequest request, Task task, TaskOutcome outcome, String actor, List<Task> after) {
        var detail = new HashMap<String, Object>();
        detail.put("systemId", task.systemId());
        detail.put("action", task.action().name());
        if (outcome.systemReference() != null) {
            detail.put("systemReference", outcome.systemReference());
        }
        if (outcome.detail() != null) {
            detail.put("detail", outcome.detail());
        }
        if (outcome.proof() != null && outcome.proof().deleted() != null) {
            detail.put("deleted", outcome.proof().deleted());
        }
        if (!outcome.retention().isEmpty()) {
            detail.put(
                    "retained",
                    outcome.retention().stream()
                            .map(TaskOutcome.Retention::category)
                            .toList());
        }
        return audit.append(
                        request.id(), actor, "task." + outcome.status().name().toLowerCase(Locale.ROOT), detail)
                .then(progress.advance(request, task.phase(), after));
    }
}
