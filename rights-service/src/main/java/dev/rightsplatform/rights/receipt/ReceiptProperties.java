package dev.rightsplatform.rights.receipt;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Receipt settings.
 *
 * @param linkKey secret the receipt links' key is derived from ({@code RIGHTS_RECEIPTS_LINK_KEY}): whoever has it can
 *                make a working link to any request's receipt, so it is required, at least 32 characters, and never
 *                shown. Changing it breaks every link already sent (the receipts stay, and their owners still reach
 *                them signed in while their account exists).
 */
@ConfigurationProperties("rights.receipts")
public record ReceiptProperties(@Nullable String linkKey) {

    static final int MIN_KEY_CHARS = 32;

    public ReceiptProperties {
        if (linkKey == null || linkKey.isBlank()) {
            throw new IllegalArgumentException("rights.receipts.link-key (RIGHTS_RECEIPTS_LINK_KEY) is required: "
                    + "a random secret of at least " + MIN_KEY_CHARS + " characters (openssl rand -base64 48)");
        }
        if (linkKey.length() < MIN_KEY_CHARS) {
            throw new IllegalArgumentException("rights.receipts.link-key (RIGHTS_RECEIPTS_LINK_KEY) must have at least "
                    + MIN_KEY_CHARS + " characters");
        }
    }

    /** The configured secret (never null once constructed). */
    String key() {
        return linkKey == null ? "" : linkKey;
    }

    @Override
    public String toString() {
        return "ReceiptProperties[linkKey=****]";
    }
}
