package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.type.RequestType;
import dev.rightsplatform.rights.web.MultiLineText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

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

    /** A Keycloak username: what an agent types to name another agent. */
    static final String USERNAME = "^[\\x21-\\x7E]{1,255}$";

    /** Who is to hold a request: another agent's username, or absent (or {@code {}}) for the caller. */
    record Assignment(
            @Pattern(regexp = USERNAME, message = "must be an agent's username") @Nullable
            String assignee) {}

    /** What a bulk action does to each request of the selection. */
    enum BulkAction {
        APPROVE,
        ASSIGN
    }

    /** The most requests one bulk action takes: a page of the console's queue. */
    static final int BULK_MAX = 50;

    /**
     * One action on a selection of requests; {@code assignee} (an agent's username) only for ASSIGN, absent there for
     * the caller. Each request is done on its own: one that cannot be done does not stop the others.
     */
    record Bulk(
            @NotNull @Nullable BulkAction action,

            @NotNull @Size(min = 1, max = BULK_MAX, message = "must hold 1 to " + BULK_MAX + " request ids") @Nullable
            List<@NotNull UUID> requestIds,

            @Pattern(regexp = USERNAME, message = "must be an agent's username") @Nullable
            String assignee) {}

    /**
     * A request an agent opens for a person who called or wrote in: the person's account (username or e-mail
     * address), the type, optionally the jurisdiction the person gave, and how the agent checked who they are.
     */
    record OnBehalf(
            @NotBlank @Size(max = 255) @Nullable String subject,
            @NotNull @Nullable RequestType type,

            @Pattern(regexp = Jurisdictions.CODE, message = "must be an ISO 3166 code such as CN, DE, GB-SCT or US-CA")
            @Nullable
            String jurisdiction,

            @NotNull @Valid @Nullable Verification verification) {}

    /**
     * How the agent verified the person's identity, and a note saying what was checked (kept beside the request, for
     * agents only: it may hold personal data, so the audit trail records the method and that a note exists).
     */
    record Verification(
            @NotNull @Nullable VerificationMethod method,

            @MultiLineText @NotBlank @Size(max = 2000) @Nullable
            String note) {}
}
