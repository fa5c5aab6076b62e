package dev.rightsplatform.rights.lifecycle;

import dev.rightsplatform.rights.task.TaskAction;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The steps of a request's workflow, declared once (STYLE.md habit 11, after ftgo's saga definitions): what each step
 * sends to the downstream systems, what completes it, what a failure does and what undoes it. Which steps each type of
 * request goes through, in which order, is {@link Workflow}; {@link RequestLifecycle} is the one place that applies
 * them, and {@code WorkflowDiagram} draws them for the README.
 *
 * <p>A step that sends tasks gives them a {@code sequence} (column {@code request_task.phase}): a step's tasks go out
 * when every task of the sequence before has its answer. ERASE runs once per erasure phase of the system registry, as
 * sequence {@code 10 + phase}; the account's system has the last phase in the registry, so the account goes last.
 */
public enum Step {
    /** May the account be closed? Asked of every system that registered a pre-check. */
    PRECHECK(TaskAction.PRECHECK, 1, Completion.EVERY_TASK_ANSWERED, Failure.BLOCKED_REFUSES_OR_WAITS),
    /** The account is disabled: its sessions end, the person can still change their mind. */
    DISABLE(TaskAction.DISABLE, 2, Completion.EVERY_TASK_ANSWERED, Failure.NEEDS_ATTENTION),
    /** Nothing is sent: the person has {@code rights.deregistration.cooling-off} to cancel (none when 0). */
    COOLING_OFF(null, 0, Completion.COOLING_OFF_OVER, Failure.NONE),
    /** Every system erases, phase by phase. Cannot be undone: a request can no longer be cancelled from here. */
    ERASE(TaskAction.ERASE, 10, Completion.EVERY_TASK_ANSWERED, Failure.NEEDS_ATTENTION),
    /** Every system gathers what it holds about the person and uploads it. */
    COLLECT(TaskAction.COLLECT, 5, Completion.EVERY_UPLOAD_STORED, Failure.NEEDS_ATTENTION),
    /** The export archive is built from the uploads, outside the transaction ({@link ExportBuildQueue}). */
    BUILD_EXPORT(null, 0, Completion.ARCHIVE_STORED, Failure.NONE),
    /** Every system processing data for the consent purpose stops. */
    WITHDRAW(TaskAction.WITHDRAW, 1, Completion.EVERY_TASK_ANSWERED, Failure.NEEDS_ATTENTION),
    /** Undoes DISABLE after a cancelled cooling-off, on its own after everything else; the request is cancelled. */
    REENABLE(TaskAction.ENABLE, 1000, Completion.EVERY_TASK_ANSWERED, Failure.RECORDED);

    /** What completes a step. */
    public enum Completion {
        EVERY_TASK_ANSWERED("every task answered"),
        EVERY_UPLOAD_STORED("every task answered, its upload stored as reported"),
        COOLING_OFF_OVER("cooling-off over (deadline scan)"),
        ARCHIVE_STORED("archive stored");

        private final String text;

        Completion(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** What a failed or blocked answer does to the request. */
    public enum Failure {
        NEEDS_ATTENTION("FAILED, an agent looks, may retry"),
        BLOCKED_REFUSES_OR_WAITS("BLOCKED, refused with the reason or waits for an agent"),
        RECORDED("FAILED, recorded only"),
        NONE("");

        private final String text;

        Failure(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final @Nullable TaskAction action;
    private final int sequence;
    private final Completion completion;
    private final Failure failure;

    Step(@Nullable TaskAction action, int sequence, Completion completion, Failure failure) {
        this.action = action;
        this.sequence = sequence;
        this.completion = completion;
        this.failure = failure;
    }

    /** What the step sends each system; null for a step that sends nothing (a timer, the archive build). */
    public @Nullable TaskAction action() {
        return action;
    }

    public Completion completion() {
        return completion;
    }

    public Failure failure() {
        return failure;
    }

    /** The step that undoes this one when the request is cancelled; null when nothing needs undoing. */
    public @Nullable Step undoneBy() {
        return this == DISABLE ? REENABLE : null;
    }

    /**
     * Whether the person (or an agent) may still cancel while the request is in this step: nothing is erased yet.
     * Cancelling undoes every step done so far that has an {@link #undoneBy()}.
     */
    public boolean cancellable() {
        return this == COOLING_OFF;
    }

    /** The sequence of this step's tasks; {@code phase} is the system's erasure phase, used by ERASE only. */
    public int sequence(int phase) {
        if (action == null) {
            throw new IllegalStateException(this + " sends no tasks");
        }
        return this == ERASE ? sequence + phase : sequence;
    }

    /** The step a task belongs to: each action is sent by exactly one step. */
    public static Step of(TaskAction action) {
        return Arrays.stream(values())
                .filter(step -> step.action == action)
                .findFirst()
                .orElseThrow();
    }
}
