package dev.rightsplatform.rights.delivery.store;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingKey;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.util.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Envelope encryption with Google Tink: every object gets a fresh random 256-bit data key for Tink's streaming AEAD
 * (AES256-GCM-HKDF, 1 MB segments: each segment authenticated, so tampering or truncation is detected while reading,
 * and only one segment is ever in memory). The data key is stored wrapped by the master key (AES256-GCM). Both are
 * bound to the object's key as associated data, so neither a wrapped key nor a ciphertext can be moved to another
 * object.
 */
final class DataKeys {

    static final AesGcmHkdfStreamingParameters PARAMETERS = PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB;
    private static final String CONTEXT = "rights-platform/store/v1:";

    private final Aead master;

    DataKeys(byte[] masterKey) {
        try {
            var parameters = AesGcmParameters.builder()
                    .setKeySizeBytes(32)
                    .setIvSizeBytes(12)
                    .setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                    .build();
            master = AesGcmJce.create(AesGcmKey.builder()
                    .setParameters(parameters)
                    .setKeyBytes(SecretBytes.copyFrom(masterKey, InsecureSecretKeyAccess.get()))
                    .build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use rights.storage.master-key", e);
        } finally {
            Arrays.fill(masterKey, (byte) 0);
        }
    }

    /** A fresh data key for the object {@code objectKey}. */
    DataKey generate(String objectKey) {
        SecretBytes material = SecretBytes.randomBytes(PARAMETERS.getKeySizeBytes());
        byte[] raw = material.toByteArray(InsecureSecretKeyAccess.get());
        try {
            return new DataKey(streaming(material), master.encrypt(raw, associatedData(objectKey)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap a data key", e);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** The data key of {@code objectKey} from its wrapped form; fails for another master key or another object. */
    StreamingAead unwrap(byte[] wrapped, String objectKey) throws GeneralSecurityException {
        byte[] raw = master.decrypt(wrapped, associatedData(objectKey));
        try {
            return streaming(SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get()));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    static byte[] associatedData(String objectKey) {
        return (CONTEXT + objectKey).getBytes(StandardCharsets.UTF_8);
    }

    private static StreamingAead streaming(SecretBytes material) {
        try {
            return AesGcmHkdfStreaming.create(AesGcmHkdfStreamingKey.create(PARAMETERS, material));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the streaming AEAD", e);
        }
    }

    /** A data key: the primitive to encrypt with, and its form wrapped by the master key, stored with the object. */
    record DataKey(StreamingAead aead, byte[] wrapped) {}
}
