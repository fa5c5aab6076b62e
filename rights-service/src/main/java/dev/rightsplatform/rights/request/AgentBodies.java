package dev.rightsplatform.rights.request;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Bodies of the agent API's actions. A reason is shown to the person, so it must say something. */
final class AgentBodies {

    private AgentBodies() {
    }

    /** For a request verified by e-mail: the account it belongs to (an agent checked which). */
    record Approval(@Size(max = 255) String accountId) {
    }

    /** Why a request is refused (PIPL Art. 50, GDPR Art. 12(4)); sent to the person. */
    record Refusal(@NotBlank @Size(max = 2000) String reason) {
    }

    /** Why the deadline is extended; sent to the person. */
    record ExtensionRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    /** Why an agent cancels (for example, the person asked by phone); optional. */
    record Cancellation(@Size(max = 2000) String reason) {
    }

    /** A note for other agents; may hold personal data, so the audit trail records only that it exists. */
    record Note(@NotBlank @Size(max = 4000) String text) {
    }
}
