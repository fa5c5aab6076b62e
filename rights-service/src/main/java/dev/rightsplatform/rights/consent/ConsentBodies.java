package dev.rightsplatform.rights.consent;

import dev.rightsplatform.rights.web.MultiLineText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Bodies of the consent API. Unknown fields are refused (spring.jackson settings). */
final class ConsentBodies {

    private ConsentBodies() {}

    /** A grant names the notice version the person was shown, e.g. {@code {"noticeVersion": "2"}}. */
    record Grant(
            @NotNull @Pattern(regexp = "^[1-9][0-9]{0,8}$", message = "must be a notice version such as 2") @Nullable
            String noticeVersion) {}

    /** A withdrawal needs nothing more; the body may be absent or {@code {}}. */
    record Withdrawal() {}

    /**
     * An agent records a withdrawal the person asked for (by phone, in writing): a note for other agents (it may hold
     * personal data, so only its existence is audited), and the person's jurisdiction when the agent knows it (else
     * the operator's default).
     */
    record AgentWithdrawal(
            @MultiLineText @NotBlank @Size(max = 4000) @Nullable
            String note,

            @Pattern(
                    regexp = "^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$",
                    message = "must be an ISO 3166 code such as CN, DE, GB-SCT or US-CA")
            @Nullable
            String jurisdiction) {}
}
