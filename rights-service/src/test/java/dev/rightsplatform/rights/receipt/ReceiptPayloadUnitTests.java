package dev.rightsplatform.rights.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.task.Task;
import dev.rightsplatform.rights.task.TaskAction;
import dev.rightsplatform.rights.task.TaskStatus;
import dev.rightsplatform.rights.task.TaskStore.RetentionView;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a receipt says each system's part came to. */
class ReceiptPayloadUnitTests {

    private static final List<RetentionView> NONE = List.of();

    @Test
    void eachActionHasItsWord() {
        assertThat(ReceiptPayload.outcome(task(TaskAction.PRECHECK, null), NONE))
                .isEqualTo("CLEARED");
        assertThat(ReceiptPayload.outcome(task(TaskAction.DISABLE, null), NONE)).isEqualTo("DISABLED");
        assertThat(ReceiptPayload.outcome(task(TaskAction.WITHDRAW, null), NONE))
                .isEqualTo("WITHDRAWN");
    }

    @Test
    void anErasureSaysWhatTheSystemReported() {
        assertThat(ReceiptPayload.outcome(task(TaskAction.ERASE, null), NONE)).isEqualTo("DELETED");
        assertThat(ReceiptPayload.outcome(task(TaskAction.ERASE, new Task.Proof(null, null, null)), NONE))
                .isEqualTo("DELETED");
        assertThat(ReceiptPayload.outcome(task(TaskAction.ERASE, new Task.Proof(4, 0, 0)), NONE))
                .isEqualTo("DELETED");
        assertThat(ReceiptPayload.outcome(task(TaskAction.ERASE, new Task.Proof(0, 3, null)), NONE))
                .isEqualTo("ANONYMISED");
        assertThat(ReceiptPayload.outcome(task(TaskAction.ERASE, new Task.Proof(2, 3, null)), NONE))
                .isEqualTo("DELETED_AND_ANONYMISED");
        assertThat(ReceiptPayload.outcome(task(TaskAction.ERASE, new Task.Proof(2, 0, 1)), NONE))
                .isEqualTo("RETAINED");
        assertThat(ReceiptPayload.outcome(
                        task(TaskAction.ERASE, new Task.Proof(2, 0, 0)),
                        List.of(new RetentionView("orders", "invoices", "a law", LocalDate.of(2055, 12, 31)))))
                .isEqualTo("RETAINED");
    }

    private static Task task(TaskAction action, Task.Proof proof) {
        return new Task(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "orders",
                action,
                1,
                TaskStatus.DONE,
                null,
                null,
                1,
                null,
                null,
                null,
                proof);
    }
}
