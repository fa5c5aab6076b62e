package dev.rightsplatform.rights.request;

/** How an agent checked the identity of a person who asked by phone, letter or e-mail, before acting for them. */
enum VerificationMethod {
    /** An identity document was shown or sent and matched the account. */
    ID_DOCUMENT,
    /** The person answered questions only the account holder can (recent orders, account details). */
    KNOWLEDGE_BASED,
    /** The agent called back the number on file for the account. */
    CALLBACK,
    /** The person confirmed through a link sent to the account's e-mail address. */
    EMAIL_LINK
}
