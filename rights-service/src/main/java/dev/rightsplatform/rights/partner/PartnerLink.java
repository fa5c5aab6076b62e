package dev.rightsplatform.rights.partner;

import dev.rightsplatform.rights.type.RequestType;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A person's authorisation of one partner app.
 *
 * @param subjectId    the person's account id
 * @param partnerId    the partner's OAuth client id
 * @param requestTypes what the partner may ask for on the person's behalf
 * @param email        where the person is told what a partner started, if their token named an address
 * @param locale       the language to tell them in
 * @param grantedAt    when the person granted (or last changed) it
 */
public record PartnerLink(
        String subjectId,
        String partnerId,
        Set<RequestType> requestTypes,
        @Nullable String email,
        String locale,
        Instant grantedAt) {

    /** The types a person may let a partner ask for: consent withdrawals go through the consent ledger instead. */
    public static final Set<RequestType> LINKABLE =
            Set.of(RequestType.ACCESS, RequestType.EXPORT, RequestType.DEREGISTER);

    public boolean covers(RequestType type) {
        return requestTypes.contains(type);
    }
}
