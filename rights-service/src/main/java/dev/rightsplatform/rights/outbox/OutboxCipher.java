package dev.rightsplatform.rights.outbox;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.Hkdf;
import com.google.crypto.tink.util.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seals outbox payloads at rest. A message may name a person's address or carry a one-time code; the table must not
 * hold them readable, and the relay clears the payload once the broker has confirmed it (then purges the row). The key
 * is derived (HKDF) from the store's master key, {@code rights.storage.master-key}, for this one purpose; the message
 * id is the associated data, so a payload cannot be moved to another row.
 */
@Component
class OutboxCipher {

    private static final byte[] PURPOSE = "rights-platform/outbox/v1".getBytes(StandardCharsets.UTF_8);

    private final Aead aead;

    OutboxCipher(@Value("${rights.storage.master-key}") String masterKey) {
        try {
            var derived = Hkdf.computeHkdf(
                    "HMACSHA256", Base64.getDecoder().decode(masterKey.strip()), new byte[0], PURPOSE, 32);
            var parameters = AesGcmParameters.builder()
                    .setKeySizeBytes(32)
                    .setIvSizeBytes(12)
                    .setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                    .build();
            this.aead = AesGcmJce.create(AesGcmKey.builder()
                    .setParameters(parameters)
                    .setKeyBytes(SecretBytes.copyFrom(derived, InsecureSecretKeyAccess.get()))
                    .build());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot derive the outbox key from rights.storage.master-key", e);
        }
    }

    /** The payload as stored: base64 of AES-GCM over the JSON, bound to the message id. */
    String seal(UUID messageId, String json) {
        try {
            return Base64.getEncoder()
                    .encodeToString(aead.encrypt(json.getBytes(StandardCharsets.UTF_8), ad(messageId)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal an outbox payload", e);
        }
    }

    /** The JSON of a stored payload; fails for a payload sealed under another key or for another message. */
    byte[] open(UUID messageId, String sealed) {
        if (sealed.startsWith("{")) {
            return sealed.getBytes(
                    StandardCharsets.UTF_8); // a row written in plain JSON before V7 (base64 never starts so)
        }
        try {
            return aead.decrypt(Base64.getDecoder().decode(sealed), ad(messageId));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("outbox payload of message " + messageId + " cannot be opened", e);
        }
    }

    private static byte[] ad(UUID messageId) {
        return messageId.toString().getBytes(StandardCharsets.UTF_8);
    }
}
