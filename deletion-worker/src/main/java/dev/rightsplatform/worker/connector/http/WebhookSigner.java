package dev.rightsplatform.worker.connector.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The HMAC-SHA256 signatures shared with an http system, in lowercase hex over the raw bytes (not a
 * re-serialisation), so any receiver can verify without knowing how we write JSON:
 * <ul>
 * <li>the worker's calls: {@code v1=HMAC(secret, timestamp + "." + rawBody)}; the body names the task;</li>
 * <li>the system's callbacks: {@code v2=HMAC(secret, "v2." + systemId + "." + taskId + "." + timestamp + "." +
 * rawBody)}. The task id comes from the URL path, not the body, so it must be signed: otherwise a genuine callback
 * replayed onto another task's URL (or another system's, should two share a secret) would settle that task. The
 * "v2." prefix also keeps a call's signature from ever passing as a callback's.</li>
 * </ul>
 */
public final class WebhookSigner {

    private static final String ALGORITHM = "HmacSHA256";

    private static final String CALLBACK_VERSION = "v2";

    private final SecretKeySpec key;

    public WebhookSigner(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The value of the X-Rights-Signature header for a call sent with X-Rights-Timestamp = timestampSeconds. */
    public String sign(long timestampSeconds, byte[] rawBody) {
        return "v1=" + hmac(timestampSeconds + ".", rawBody);
    }

    /** The X-Rights-Signature a system puts on its callback for taskId, posted to /callbacks/systemId/taskId. */
    public String signCallback(String systemId, UUID taskId, long timestampSeconds, byte[] rawBody) {
        return CALLBACK_VERSION + "="
                + hmac(CALLBACK_VERSION + "." + systemId + "." + taskId + "." + timestampSeconds + ".", rawBody);
    }

    /** Whether signature is the one this key makes for the call's timestamp and body; constant-time compare. */
    public boolean verifies(String timestamp, String signature, byte[] rawBody) {
        Long seconds = seconds(timestamp);
        return seconds != null && same(sign(seconds, rawBody), signature);
    }

    /** Whether signature is the system's v2 callback signature for this task, timestamp and body. */
    public boolean verifiesCallback(String systemId, UUID taskId, String timestamp, String signature, byte[] rawBody) {
        Long seconds = seconds(timestamp);
        return seconds != null && same(signCallback(systemId, taskId, seconds, rawBody), signature);
    }

    /** Whether a callback's signature is of the older kind that covers only timestamp and body. */
    static boolean isVersion1(String signature) {
        return signature.startsWith("v1=");
    }

    private String hmac(String prefix, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // Mac is not thread-safe, and cheap to make
            mac.init(this.key);
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(rawBody));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", ex);
        }
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    private static @Nullable Long seconds(String timestamp) {
        try {
            return Long.parseLong(timestamp);
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "WebhookSigner[v1 calls, v2 callbacks, HmacSHA256]";
    }
}
