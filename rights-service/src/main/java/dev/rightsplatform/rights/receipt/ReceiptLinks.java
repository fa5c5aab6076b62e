package dev.rightsplatform.rights.receipt;

import dev.rightsplatform.rights.lifecycle.ReceiptPaths;
import dev.rightsplatform.rights.lifecycle.RightsRequest;
import dev.rightsplatform.rights.type.RequestType;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Links to a request's receipt that work without signing in (after a deregistration the person has no account to
 * sign in with): the token {@code <requestId>.<mac>} is a capability, {@code mac} the base64url HMAC-SHA256 of the
 * request id under a key derived from {@code rights.receipts.link-key}. Nothing is stored: the key alone makes and
 * checks every link, and a link cannot be forged or moved to another request without it. A receipt holds no personal
 * data, so a link that leaks shows what the platform did for some request, never whose it was.
 */
@Component
public class ReceiptLinks implements ReceiptPaths {

    /** Where the portal shows a receipt: {@code /receipts/<token>}. */
    public static final String PORTAL_PATH = "/receipts/";

    private static final String DERIVATION_LABEL = "rights-platform receipt link v1";
    private static final Pattern TOKEN =
            Pattern.compile("^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.([A-Za-z0-9_-]{43})$");

    private final SecretKeySpec key;

    ReceiptLinks(ReceiptProperties properties) {
        // the configured secret is not used as the MAC key directly: a key of its own for this one purpose
        var derived = hmac(
                new SecretKeySpec(properties.key().getBytes(StandardCharsets.UTF_8), "HmacSHA256"), DERIVATION_LABEL);
        this.key = new SecretKeySpec(derived, "HmacSHA256");
    }

    /** Whether requests of this type get a receipt: what was erased or stopped must be provable afterwards. */
    public static boolean hasReceipt(RequestType type) {
        return type == RequestType.DEREGISTER || type == RequestType.WITHDRAW_CONSENT;
    }

    @Override
    public @Nullable String portalPathOf(RightsRequest completed) {
        return hasReceipt(completed.type()) ? portalPathFor(completed.id()) : null;
    }

    /** The token of a request's receipt link. */
    public String tokenFor(UUID requestId) {
        return requestId + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, requestId.toString()));
    }

    /** The portal's page of a request's receipt, {@code /receipts/<token>}, as the completed event carries it. */
    public String portalPathFor(UUID requestId) {
        return PORTAL_PATH + tokenFor(requestId);
    }

    /** The request a token names, when the token is one this service made; empty for anything else. */
    public Optional<UUID> requestOf(@Nullable String token) {
        if (token == null) {
            return Optional.empty();
        }
        var parts = TOKEN.matcher(token);
        if (!parts.matches()) {
            return Optional.empty();
        }
        var requestId = UUID.fromString(parts.group(1));
        var expected = tokenFor(requestId).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.US_ASCII))
                ? Optional.of(requestId)
                : Optional.empty();
    }

    private static byte[] hmac(SecretKeySpec key, String value) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
