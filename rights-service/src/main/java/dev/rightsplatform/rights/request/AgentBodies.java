package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.web.MultiLineText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Bodies of the agent API's actions. A reason is shown to the person, so it must say something. Reasons and notes may
 * run over several lines; every other text is one line (web.TextRules).
 */
final class AgentBodies {

    private AgentBodies() {}

    /** For a request verified by e-mail: the account it belongs to (an agent checked which). */
    record Approval(@Size(max = 255) String accountId) {}

    /** Why a request is refused (PIPL Art. 50, GDPR Art. 12(4)); sent to the person. */
    record Refusal(
            @MultiLineText @NotBlank @Size(max = 2000) String reason) {}

    /** Why the deadline is extended; sent to the person. */
    record ExtensionRequest(
            @MultiLineText @NotBlank @Size(max = 2000) String reason) {}

    /** Why an agent cancels (for example, the person asked by phone); optional. */
    record Cancellation(@MultiLineText @Size(max = 2000) String reason) {}

    /** A note for other agents; may hold personal data, so the audit trail records only that it exists. */
    record Note(@MultiLineText @NotBlank @Size(max = 4000) String text) {}
}
