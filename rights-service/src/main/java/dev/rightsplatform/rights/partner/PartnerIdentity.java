package dev.rightsplatform.rights.partner;

/**
 * How a partner names a person: the account id it knows ({@code controller_customer_id}), or an e-mail address as
 * its sha256 (a raw address is hashed before it is looked up; the address itself is never stored from a partner).
 */
public record PartnerIdentity(Kind kind, String value) {

    public enum Kind {
        ACCOUNT_ID,
        EMAIL_SHA256
    }

    public static PartnerIdentity accountId(String id) {
        return new PartnerIdentity(Kind.ACCOUNT_ID, id);
    }

    public static PartnerIdentity rawEmail(String email) {
        return new PartnerIdentity(Kind.EMAIL_SHA256, PartnerLinks.emailHash(email));
    }

    public static PartnerIdentity emailSha256(String hex) {
        return new PartnerIdentity(Kind.EMAIL_SHA256, hex.toLowerCase(java.util.Locale.ROOT));
    }
}
