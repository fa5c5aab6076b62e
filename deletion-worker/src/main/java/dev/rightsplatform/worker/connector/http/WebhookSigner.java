package dev.rightsplatform.worker.connector.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook call so the downstream system can check it comes from the worker and is fresh (and checks the
 * callbacks the system signs the same way):
 * {@code v1=<lowercase hex HMAC-SHA256(secret, timestamp + "." + rawBody)>}. Signing the raw bytes (not a
 * re-serialisation) lets any receiver verify without knowing how we write JSON.
 */
public final class WebhookSigner {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public WebhookSigner(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The value of the X-Rights-Signature header for a body sent with X-Rights-Timestamp = timestampSeconds. */
    public String sign(long timestampSeconds, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // Mac is not thread-safe, and cheap to make
            mac.init(this.key);
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(rawBody));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", ex);
        }
    }

    /** Whether signature is the one this key makes for the timestamp and body; compared in constant time. */
    public boolean verifies(String timestamp, String signature, byte[] rawBody) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        }
        catch (NumberFormatException ex) {
            return false;
        }
        byte[] expected = sign(seconds, rawBody).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "WebhookSigner[v1, HmacSHA256]";
    }
}
